using System.Text;

namespace Lake.Pseudonymization;

/// <summary>
/// Seals secrets that must live beside the data (second-factor seeds of accounts, the identity codes
/// behind a FHIR system's Patient ids) with AES-256-GCM under the key store (a key derived from the
/// key ring per purpose, or a key inside the HSM token), so a copy of the data folder without the
/// keys holds nothing usable. The purpose and the record it belongs to are bound in as associated
/// data: a sealed value moved to another account does not open.
/// </summary>
public sealed class SecretBox(IKeyStore keys)
{
    public string Seal(string purpose, string owner, ReadOnlySpan<byte> secret) => Convert.ToBase64String(SealBytes(purpose, owner, secret));

    /// <summary>As <see cref="Seal"/>, as bytes: for state too large to carry as text (a FHIR system's Patient index).</summary>
    public byte[] SealBytes(string purpose, string owner, ReadOnlySpan<byte> secret) => keys.Seal(purpose, Associated(purpose, owner), secret);

    /// <summary>The secret, or null when the value was not sealed for this purpose and owner under this key store.</summary>
    public byte[]? Open(string purpose, string owner, string sealedValue)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(sealedValue);
        }
        catch (FormatException)
        {
            return null;
        }

        return OpenBytes(purpose, owner, sealedBytes);
    }

    /// <summary>The secret sealed by <see cref="SealBytes"/>, or null as for <see cref="Open"/>.</summary>
    public byte[]? OpenBytes(string purpose, string owner, ReadOnlySpan<byte> sealedBytes) => keys.Open(purpose, Associated(purpose, owner), sealedBytes);

    private static byte[] Associated(string purpose, string owner) => Encoding.UTF8.GetBytes(purpose + "\n" + owner);

    public override string ToString() => "SecretBox(keys redacted)";
}
