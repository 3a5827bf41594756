using System.Security.Cryptography;
using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// AES-256-GCM inside the token: secret boxes under the secret box key, study keys under the study key
/// wrapping key, each value as 12 bytes of nonce, the ciphertext and 16 bytes of tag.
/// </summary>
public sealed partial class Pkcs11KeyStore
{
    /// <summary>AES-256-GCM inside the token under its secret box key; the purpose is bound into the associated data.</summary>
    public byte[] Seal(string purpose, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> secret)
    {
        var nonce = new byte[AesGcmSeal.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        var encrypted = Encrypt(_secretBoxKey, nonce, SecretBoxAssociatedData(purpose, associatedData), secret.ToArray());
        return [.. nonce, .. encrypted];
    }

    public byte[]? Open(string purpose, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < AesGcmSeal.NonceSize + AesGcmSeal.TagSize)
            return null;

        return Decrypt(_secretBoxKey, sealedValue[..AesGcmSeal.NonceSize].ToArray(), SecretBoxAssociatedData(purpose, associatedData), sealedValue[AesGcmSeal.NonceSize..].ToArray());
    }

    private byte[] Encrypt(IObjectHandle key, byte[] nonce, byte[] associatedData, byte[] plaintext) =>
        _token.Run(session =>
        {
            using var mechanism = Gcm(session, nonce, associatedData);
            return session.Encrypt(mechanism, key, plaintext);
        });

    /// <summary>The plaintext, or null when the tag does not match.</summary>
    private byte[]? Decrypt(IObjectHandle key, byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag)
    {
        try
        {
            return _token.Run(session =>
            {
                using var mechanism = Gcm(session, nonce, associatedData);
                return session.Decrypt(mechanism, key, ciphertextAndTag);
            });
        }
        // The standard answer to a tag that does not match is CKR_ENCRYPTED_DATA_INVALID; SoftHSM 2.6 says
        // CKR_GENERAL_ERROR. Either way the value was not sealed under this key with this associated data.
        catch (Pkcs11Exception e) when (e.RV is CKR.CKR_ENCRYPTED_DATA_INVALID or CKR.CKR_ENCRYPTED_DATA_LEN_RANGE or CKR.CKR_GENERAL_ERROR)
        {
            return null;
        }
    }

    private static IMechanism Gcm(ISession session, byte[] nonce, byte[] associatedData) =>
        session.Factories.MechanismFactory.Create(
            CKM.CKM_AES_GCM,
            session.Factories.MechanismParamsFactory.CreateCkGcmParams(nonce, (ulong)nonce.Length * 8, associatedData, AesGcmSeal.TagSize * 8));

    private static byte[] SecretBoxAssociatedData(string purpose, ReadOnlySpan<byte> associatedData)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return [.. Encoding.UTF8.GetBytes("lake secret box v1|" + purpose + "|"), .. associatedData];
    }
}
