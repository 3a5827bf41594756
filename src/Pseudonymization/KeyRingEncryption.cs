using System.Security.Cryptography;

namespace Lake.Pseudonymization;

/// <summary>
/// The key ring file's encryption at rest: AES-256-GCM (<see cref="AesGcmSeal"/>) under a key derived
/// from the passphrase with PBKDF2-HMAC-SHA256 and a random salt, written as a <see cref="KeyRingEnvelope"/>.
/// One instance is one salt and the key derived with it, kept, so that the ring's reloads and writes
/// cost no further derivation; every write still draws a fresh random nonce. A new salt (and so a new
/// key) comes only with <see cref="Create"/>, when a ring is encrypted or its passphrase changed.
/// </summary>
internal sealed class KeyRingEncryption
{
    /// <summary>
    /// Above OWASP's 600,000 for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023), for the years
    /// the file will live; about 0.22 s on one idle core of an AMD EPYC server, paid once per process that opens the ring.
    /// </summary>
    public const int DefaultIterations = 1_000_000;

    /// <summary>Fewer would make a weak passphrase cheap to guess; Lake has never written fewer.</summary>
    public const int MinimumIterations = 600_000;

    /// <summary>More would make opening take several seconds: a file that asks for them was not written by Lake.</summary>
    public const int MaximumIterations = 20_000_000;

    private const int KeySize = 32;

    private readonly byte[] _key;
    private readonly byte[] _salt;

    private KeyRingEncryption(byte[] key, byte[] salt, int iterations, string passphraseFile)
    {
        _key = key;
        _salt = salt;
        Iterations = iterations;
        PassphraseFile = passphraseFile;
    }

    public int Iterations { get; }

    /// <summary>Where the passphrase was read from; named in messages.</summary>
    public string PassphraseFile { get; }

    /// <summary>A new encryption under <paramref name="passphrase"/>: a fresh salt, the default iterations.</summary>
    /// <exception cref="KeyStoreException">The passphrase is shorter than <see cref="KeyRingPassphrase.MinimumLength"/>.</exception>
    public static KeyRingEncryption Create(KeyRingPassphrase passphrase)
    {
        if (passphrase.Bytes.Length < KeyRingPassphrase.MinimumLength)
        {
            throw new KeyStoreException(
                $"The passphrase in {passphrase.FilePath} is shorter than {KeyRingPassphrase.MinimumLength} bytes; a key ring is encrypted only under a longer one. " +
                $"Make a random one: (umask 077; head -c 32 /dev/urandom | base64 > {passphrase.FilePath})");
        }

        return Derive(passphrase, RandomNumberGenerator.GetBytes(KeyRingEnvelope.SaltSize), DefaultIterations);
    }

    /// <summary>The encryption <paramref name="envelope"/>, read from <paramref name="path"/>, was written with, if the passphrase is its.</summary>
    /// <exception cref="KeyStoreException">No passphrase is configured.</exception>
    public static KeyRingEncryption For(KeyRingEnvelope envelope, KeyRingPassphrase? passphrase, string path)
    {
        if (passphrase is null)
        {
            throw new KeyStoreException(
                $"Key ring file {path} is encrypted, and no passphrase is configured: set {KeyRingPassphrase.EnvironmentVariable} " +
                $"(or {KeyRingPassphrase.Setting}) to the owner-only file holding its passphrase.");
        }

        return Derive(passphrase, envelope.Salt, envelope.Iterations);
    }

    /// <summary>Whether <paramref name="envelope"/> was written with this salt and cost, so this key opens it if anything does.</summary>
    public bool Fits(KeyRingEnvelope envelope) => envelope.Iterations == Iterations && envelope.Salt.AsSpan().SequenceEqual(_salt);

    /// <returns>The envelope's JSON, for the file.</returns>
    public byte[] Seal(ReadOnlySpan<byte> plaintext)
    {
        var header = new KeyRingEnvelope { Iterations = Iterations, Salt = _salt, Nonce = [], Tag = [], Ciphertext = [] };
        var sealedBytes = AesGcmSeal.Seal(_key, header.AssociatedData(), plaintext).AsSpan();
        return (header with
        {
            Nonce = sealedBytes[..AesGcmSeal.NonceSize].ToArray(),
            Ciphertext = sealedBytes[AesGcmSeal.NonceSize..^AesGcmSeal.TagSize].ToArray(),
            Tag = sealedBytes[^AesGcmSeal.TagSize..].ToArray(),
        }).ToJson();
    }

    /// <returns>The ring's clear JSON; the caller zeroes it once read.</returns>
    /// <exception cref="KeyStoreException">The tag does not match: a wrong passphrase, or a changed file.</exception>
    public byte[] Open(KeyRingEnvelope envelope, string path)
    {
        byte[] sealedBytes = [.. envelope.Nonce, .. envelope.Ciphertext, .. envelope.Tag];
        return AesGcmSeal.Open(_key, envelope.AssociatedData(), sealedBytes) ?? throw new KeyStoreException(
            $"Key ring file {path} does not open with the passphrase in {PassphraseFile}: the passphrase is wrong, or the file was changed. " +
            $"Check that {KeyRingPassphrase.EnvironmentVariable} (or {KeyRingPassphrase.Setting}) names this ring's passphrase file; if it does, restore the key ring from backup.");
    }

    /// <summary>For an operator; never the key or the salt.</summary>
    public override string ToString() =>
        $"encrypted with {KeyRingEnvelope.CipherName} under the passphrase in {PassphraseFile} ({KeyRingEnvelope.KdfName}, {Iterations} iterations)";

    private static KeyRingEncryption Derive(KeyRingPassphrase passphrase, byte[] salt, int iterations) =>
        new(Rfc2898DeriveBytes.Pbkdf2(passphrase.Bytes, salt, iterations, HashAlgorithmName.SHA256, KeySize), salt, iterations, passphrase.FilePath);
}
