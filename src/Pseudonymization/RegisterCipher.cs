using System.Security.Cryptography;
using System.Text;

namespace Lake.Pseudonymization;

/// <summary>
/// AES-256 on exactly one 16-byte block under the register's derived key (<see cref="IKeyStore.DeriveRegisterKey"/>):
/// a keyed permutation of identities.
/// </summary>
/// <remarks>
/// The one-shot <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, PaddingMode)"/> builds a
/// native cipher context on every call (measured 1.5 µs and 64 bytes per call); a reused ECB
/// transform computes the same block in 0.2 µs without allocating. Transforms are not thread-safe
/// and instance members of <see cref="Aes"/> are not documented as such, hence one set per thread.
/// </remarks>
internal sealed class RegisterCipher
{
    private const int BlockSize = 16;

    private readonly byte[] _key = new byte[32];
    private readonly ThreadLocal<Worker> _workers;

    public RegisterCipher(ReadOnlySpan<byte> derivedKey)
    {
        if (derivedKey.Length != _key.Length)
            throw new ArgumentException($"A register key is {_key.Length} bytes, not {derivedKey.Length}.", nameof(derivedKey));

        derivedKey.CopyTo(_key);
        _workers = new ThreadLocal<Worker>(() => new Worker(_key));
    }

    /// <summary>The derivation's info (or PRF input): "lake register pseudonym v1|" + register as UTF-8.</summary>
    public static byte[] DerivationInfo(string register)
    {
        var label = "lake register pseudonym v1|"u8;
        var info = new byte[label.Length + Encoding.UTF8.GetByteCount(register)];
        label.CopyTo(info);
        Encoding.UTF8.GetBytes(register, info.AsSpan(label.Length));
        return info;
    }

    public Guid Encrypt(LakeIdentity identity)
    {
        var worker = _workers.Value!;
        identity.WriteBytes(worker.Input);
        Transform(worker.Encryptor, worker);
        return new Guid(worker.Output, bigEndian: true);
    }

    public LakeIdentity Decrypt(Guid pseudonym)
    {
        var worker = _workers.Value!;
        pseudonym.TryWriteBytes(worker.Input, bigEndian: true, out _);
        Transform(worker.Decryptor, worker);
        return LakeIdentity.FromBytes(worker.Output);
    }

    private static void Transform(ICryptoTransform transform, Worker worker)
    {
        // With PaddingMode.None a transform holds nothing back, so one block in is one block out.
        if (transform.TransformBlock(worker.Input, 0, BlockSize, worker.Output, 0) != BlockSize)
            throw new CryptographicException("AES returned a partial block.");
    }

    private sealed class Worker(byte[] key)
    {
        private readonly Aes _aes = CreateAes(key);
        private ICryptoTransform? _encryptor;
        private ICryptoTransform? _decryptor;

        public byte[] Input { get; } = new byte[BlockSize];

        public byte[] Output { get; } = new byte[BlockSize];

        public ICryptoTransform Encryptor => _encryptor ??= _aes.CreateEncryptor();

        // Created on first use: ingest only encrypts.
        public ICryptoTransform Decryptor => _decryptor ??= _aes.CreateDecryptor();

        private static Aes CreateAes(byte[] key)
        {
            var aes = Aes.Create();
            aes.Key = key;
            aes.Mode = CipherMode.ECB;
            aes.Padding = PaddingMode.None;
            return aes;
        }
    }
}
