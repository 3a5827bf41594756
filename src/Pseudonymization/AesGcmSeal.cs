using System.Security.Cryptography;

namespace Lake.Pseudonymization;

/// <summary>AES-256-GCM in the layout every sealed value of Lake's has: 12 bytes of nonce, the ciphertext, 16 bytes of tag.</summary>
internal static class AesGcmSeal
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> secret)
    {
        var sealedBytes = new byte[NonceSize + secret.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(NonceSize, secret.Length), sealedBytes.AsSpan(NonceSize + secret.Length), associatedData);
        return sealedBytes;
    }

    /// <summary>The secret, or null when the tag does not match (another key, other associated data, or a changed value).</summary>
    public static byte[]? Open(byte[] key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
            return null;

        var secret = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, secret.Length), sealedBytes[(NonceSize + secret.Length)..], secret, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return secret;
    }
}
