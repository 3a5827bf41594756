using System.Security.Cryptography;
using System.Text;

namespace Lake.Pseudonymization;

/// <summary>
/// Seals secrets that must live beside the data (second-factor seeds of accounts, the identity codes
/// behind a FHIR system's Patient ids) with AES-256-GCM under a key derived from the key ring, so a
/// copy of the data folder without the key ring holds nothing usable. Each purpose gets its own derived key, and the purpose and the
/// record it belongs to are bound in as associated data: a sealed value moved to another account
/// does not open.
/// </summary>
public sealed class SecretBox(KeyRing keyRing)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Seal(string purpose, string owner, ReadOnlySpan<byte> secret) => Convert.ToBase64String(SealBytes(purpose, owner, secret));

    /// <summary>As <see cref="Seal"/>, as bytes: for state too large to carry as text (a FHIR system's Patient index).</summary>
    public byte[] SealBytes(string purpose, string owner, ReadOnlySpan<byte> secret)
    {
        var key = KeyFor(purpose);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var sealedBytes = new byte[NonceSize + secret.Length + TagSize];
        nonce.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(NonceSize, secret.Length), sealedBytes.AsSpan(NonceSize + secret.Length), Associated(purpose, owner));
        return sealedBytes;
    }

    /// <summary>The secret, or null when the value was not sealed for this purpose and owner under this key ring.</summary>
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
    public byte[]? OpenBytes(string purpose, string owner, ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
            return null;
        var secret = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(KeyFor(purpose), TagSize);
        try
        {
            aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, secret.Length), sealedBytes[(NonceSize + secret.Length)..], secret, Associated(purpose, owner));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return secret;
    }

    private byte[] KeyFor(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keyRing.IdentityKey, 32, salt: [], info: Encoding.UTF8.GetBytes("lake:secret-box:" + purpose));

    private static byte[] Associated(string purpose, string owner) => Encoding.UTF8.GetBytes(purpose + "\n" + owner);

    public override string ToString() => "SecretBox(keys redacted)";
}
