using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// The lake's keys inside an HSM token, used through PKCS#11. The identity key and the register
/// keys are generic secrets created inside the token, never extractable; the identity MAC runs
/// inside it (CKM_SHA256_HMAC), and a register's AES key is derived inside it with the same HMAC as
/// HKDF-Expand. Study keys are random, kept in a file wrapped (AES-GCM) under a token-held key, and
/// unwrapped into this process's memory only. Secret boxes are sealed inside the token.
/// The constructions are in docs/pseudonymization.md; the values differ from the key ring's,
/// because the keys do.
/// </summary>
public sealed partial class Pkcs11KeyStore : IKeyStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Pkcs11Token _token;
    private readonly Pkcs11KeyLabels _labels;
    private readonly bool _registerKeys;
    private readonly IObjectHandle _identityKey;
    private readonly IObjectHandle _studyKeyWrappingKey;
    private readonly IObjectHandle _secretBoxKey;
    private volatile RegisterKeyGenerations _registerKeySet;
    private int _disposed;

    private Pkcs11KeyStore(Pkcs11Token token, Pkcs11KeyLabels labels, bool registerKeys, Dictionary<string, IObjectHandle> keys, string studyKeyFile, TimeProvider time)
    {
        _token = token;
        _labels = labels;
        _registerKeys = registerKeys;
        _identityKey = keys[labels.Identity];
        _studyKeyWrappingKey = keys[labels.StudyKeyWrapping];
        _secretBoxKey = keys[labels.SecretBox];
        _registerKeySet = registerKeys ? RegisterKeyGenerations.From(keys, labels) : RegisterKeyGenerations.None;
        Path = studyKeyFile;
        _time = time;
        _wrappedStudyKeys = WrappedStudyKeyFile.Load(studyKeyFile);
    }

    /// <summary>The file of wrapped study keys.</summary>
    public string Path { get; }

    /// <summary>The label of the token the keys are on.</summary>
    public string TokenLabel => _token.Label;

    internal Pkcs11Token Token => _token;

    internal Pkcs11KeyLabels Labels => _labels;

    public bool HoldsRegisterKeys => _registerKeys;

    public int CurrentKeyId
    {
        get
        {
            RequireRegisterKeys();
            return _registerKeySet.Ids[^1];
        }
    }

    public IReadOnlyList<int> KeyIds => _registerKeySet.Ids;

    /// <summary>
    /// Opens the token and finds the lake's keys on it. A token that holds none of them is provisioned:
    /// the identity key, register key 1, the study key wrapping key and the secret box key are created inside it.
    /// </summary>
    /// <param name="studyKeyFile">Where the wrapped study keys are kept (<see cref="Pkcs11KeyStoreOptions.StudyKeyFile"/> resolved).</param>
    /// <exception cref="KeyStoreException">The module, token or PIN is wrong, or the token holds only some of the keys.</exception>
    /// <param name="time">When study keys are created (the caller's clock).</param>
    public static Pkcs11KeyStore Open(Pkcs11KeyStoreOptions options, string studyKeyFile, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(studyKeyFile);
        if (string.IsNullOrWhiteSpace(options.LabelPrefix))
            throw new KeyStoreException("Keys:Pkcs11:LabelPrefix is empty; leave it unset for \"lake\".");

        var token = Pkcs11Token.Acquire(options);
        try
        {
            studyKeyFile = System.IO.Path.GetFullPath(studyKeyFile);
            var labels = new Pkcs11KeyLabels(options.LabelPrefix);
            var keys = token.Run(session => Pkcs11KeyTemplates.FindLakeKeys(session, labels, token.Label));
            if (keys.Count == 0)
                keys = Provision(token, labels, options.RegisterKeys, studyKeyFile);

            RequireComplete(keys, labels, options.RegisterKeys, token.Label);
            return new Pkcs11KeyStore(token, labels, options.RegisterKeys, keys, studyKeyFile, time);
        }
        catch
        {
            token.Release();
            throw;
        }
    }

    /// <summary>
    /// A new register key generation, created inside the token, made current. Serialized with other
    /// processes of this host by the study key file's lock, so two rotations never make one id twice.
    /// </summary>
    public int Rotate()
    {
        RequireRegisterKeys();
        lock (_gate)
        {
            using (LockFile())
            {
                var current = ReloadRegisterKeys();
                var keyId = current.Ids[^1] + 1;
                var handle = _token.Run(session => Pkcs11KeyTemplates.CreateHmacKey(session, _labels.Register(keyId)));
                _registerKeySet = current.With(keyId, handle);
                return keyId;
            }
        }
    }

    /// <summary>HMAC-SHA256 inside the token, under the identity key.</summary>
    /// <summary>
    /// HMAC-SHA256 inside the token with the identity key over "lake:audit-log:v1" and a line break
    /// before the message: the token holds no key of the audit log's own, and the label keeps its
    /// MACs apart from identity MACs, whose messages are identity codes and never start with it.
    /// </summary>
    public byte[] AuthenticateAudit(ReadOnlySpan<byte> message)
    {
        byte[] data = [.. "lake:audit-log:v1\n"u8, .. message];
        return _token.Run(session => Sign(session, _identityKey, data));
    }

    public void ComputeIdentityMac(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        var data = message.ToArray();
        var result = _token.Run(session => Sign(session, _identityKey, data));
        result.CopyTo(mac);
    }

    /// <summary>
    /// HMAC-SHA256(register key #keyId, "lake register pseudonym v1|" ‖ register ‖ 0x01) inside the token:
    /// HKDF-Expand (RFC 5869) with the register key as the pseudorandom key, one 32-byte block. The extract
    /// step is left out, as RFC 5869 section 3.3 allows for a key that is already uniformly random, because
    /// it would need the key's value as a message, and the value never leaves the token.
    /// </summary>
    public byte[] DeriveRegisterKey(int keyId, string register)
    {
        RequireRegisterKeys();
        ArgumentException.ThrowIfNullOrWhiteSpace(register);
        var info = RegisterCipher.DerivationInfo(register);
        var message = new byte[info.Length + 1];
        info.CopyTo(message, 0);
        message[^1] = 0x01;

        var handle = RegisterKeyHandle(keyId);
        return _token.Run(session => Sign(session, handle, message));
    }

    /// <summary>Names the token only; keys never appear in logs or messages.</summary>
    public override string ToString() => $"Pkcs11KeyStore(token \"{_token.Label}\", {Path}, keys inside the token)";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        ForgetStudyKeys();
        _token.Release();
    }

    private static Dictionary<string, IObjectHandle> Provision(Pkcs11Token token, Pkcs11KeyLabels labels, bool registerKeys, string studyKeyFile)
    {
        if (!registerKeys)
        {
            throw new KeyStoreException(
                $"Token \"{token.Label}\" holds no lake keys (labels \"{labels.Identity}\", ...), and this process holds no register keys " +
                "(Keys:Pkcs11:RegisterKeys=false), so it cannot provision the token; start a process with register keys on it first.");
        }

        KeyRingFile.EnsureDirectory(System.IO.Path.GetDirectoryName(studyKeyFile)!);
        using (KeyRingFile.AcquireLock(studyKeyFile))
        {
            return token.Run(session =>
            {
                // Another process of this host may have provisioned it while this one waited for the lock.
                var keys = Pkcs11KeyTemplates.FindLakeKeys(session, labels, token.Label);
                if (keys.Count > 0)
                    return keys;

                keys[labels.Identity] = Pkcs11KeyTemplates.CreateHmacKey(session, labels.Identity);
                keys[labels.Register(1)] = Pkcs11KeyTemplates.CreateHmacKey(session, labels.Register(1));
                keys[labels.StudyKeyWrapping] = Pkcs11KeyTemplates.CreateAesKey(session, labels.StudyKeyWrapping);
                keys[labels.SecretBox] = Pkcs11KeyTemplates.CreateAesKey(session, labels.SecretBox);
                return keys;
            });
        }
    }

    private static void RequireComplete(Dictionary<string, IObjectHandle> keys, Pkcs11KeyLabels labels, bool registerKeys, string tokenLabel)
    {
        var missing = new[] { labels.Identity, labels.StudyKeyWrapping, labels.SecretBox }.Where(label => !keys.ContainsKey(label)).ToList();
        if (registerKeys && !keys.Keys.Any(label => labels.IsRegister(label, out _)))
            missing.Add(labels.Register(1));
        if (missing.Count > 0)
        {
            throw new KeyStoreException(
                $"Token \"{tokenLabel}\" holds some of the lake's keys but not {string.Join(", ", missing.Select(label => $"\"{label}\""))}; " +
                "it was provisioned partly or for another purpose. Restore the missing keys from the HSM's backup; new ones would reproduce no existing pseudonym.");
        }
    }

    private IObjectHandle RegisterKeyHandle(int keyId)
    {
        if (_registerKeySet.Handles.TryGetValue(keyId, out var handle))
            return handle;

        // Another process may have rotated since this store was opened.
        lock (_gate)
        {
            _registerKeySet = ReloadRegisterKeys();
        }

        if (_registerKeySet.Handles.TryGetValue(keyId, out handle))
            return handle;

        throw new KeyNotFoundException(
            $"Register key id {keyId} is not on token \"{_token.Label}\" (it has {string.Join(", ", _registerKeySet.Ids)}). " +
            "The data was written with another token or key ring; point Keys:Pkcs11:TokenLabel (or Keys:Store) at that one.");
    }

    private RegisterKeyGenerations ReloadRegisterKeys() =>
        RegisterKeyGenerations.From(_token.Run(session => Pkcs11KeyTemplates.FindLakeKeys(session, _labels, _token.Label)), _labels);

    private void RequireRegisterKeys()
    {
        if (!_registerKeys)
        {
            throw new KeyStoreException(
                "This process holds no register keys (Keys:Pkcs11:RegisterKeys=false); register pseudonyms, identity-code lists and preliminary studies " +
                "need them and run on a process that has them.");
        }
    }

    private static byte[] Sign(ISession session, IObjectHandle key, byte[] message)
    {
        using var hmac = session.Factories.MechanismFactory.Create(CKM.CKM_SHA256_HMAC);
        return session.Sign(hmac, key, message);
    }

    private IDisposable LockFile()
    {
        KeyRingFile.EnsureDirectory(System.IO.Path.GetDirectoryName(Path)!);
        return KeyRingFile.AcquireLock(Path);
    }

    /// <summary>The register key generations found on the token: an immutable snapshot, as the key ring's state is.</summary>
    private sealed class RegisterKeyGenerations(IReadOnlyDictionary<int, IObjectHandle> handles)
    {
        public static RegisterKeyGenerations None { get; } = new(new Dictionary<int, IObjectHandle>());

        public IReadOnlyDictionary<int, IObjectHandle> Handles { get; } = handles;

        public IReadOnlyList<int> Ids { get; } = [.. handles.Keys.Order()];

        public static RegisterKeyGenerations From(Dictionary<string, IObjectHandle> keys, Pkcs11KeyLabels labels)
        {
            var handles = new Dictionary<int, IObjectHandle>();
            foreach (var (label, handle) in keys)
            {
                if (labels.IsRegister(label, out var keyId))
                    handles[keyId] = handle;
            }

            return new RegisterKeyGenerations(handles);
        }

        public RegisterKeyGenerations With(int keyId, IObjectHandle handle) => new(new Dictionary<int, IObjectHandle>(Handles) { [keyId] = handle });
    }
}
