namespace Lake.Pseudonymization;

/// <summary>
/// The secrets behind every pseudonym: one identity key, register keys by generation and one key
/// per study. Kept in an owner-only JSON file outside the lake (see <see cref="KeyRingLocation"/>),
/// in clear or encrypted under a passphrase (<see cref="KeyRingPassphrase"/>, <see cref="EncryptAtRest"/>).
/// Losing the file makes every existing pseudonym unreachable, so back it up like a root key.
/// </summary>
public sealed partial class KeyRing : IKeyStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly KeyRingPassphrase? _passphrase;
    private volatile KeyRingState _state;

    // Null while the file is in clear. Follows the file: each reload takes the form it finds, and
    // each write keeps it, so a ring encrypted by another process stays encrypted.
    private volatile KeyRingEncryption? _encryption;

    private KeyRing(string path, (KeyRingState State, KeyRingEncryption? Encryption) loaded, KeyRingPassphrase? passphrase, TimeProvider time)
    {
        Path = path;
        (_state, _encryption) = loaded;
        _passphrase = passphrase;
        _time = time;
    }

    public string Path { get; }

    /// <summary>The register key generation used for new writes; starts at 1.</summary>
    public int CurrentKeyId => _state.CurrentKeyId;

    /// <summary>Every register key generation, ascending; all stay usable for reading.</summary>
    public IReadOnlyList<int> KeyIds => _state.KeyIds;

    internal byte[] IdentityKey => _state.IdentityKey;

    /// <summary>
    /// Opens the ring at <paramref name="path"/>, creating it with fresh random keys if it does not
    /// exist. Processes racing to create it all end up with the one that was written first.
    /// </summary>
    /// <param name="time">When keys are created and rotated (the caller's clock: tests of rotation set it).</param>
    public static KeyRing OpenOrCreate(string path, TimeProvider time) => OpenOrCreate(path, passphrase: null, time);

    /// <summary>
    /// As <see cref="OpenOrCreate(string, TimeProvider)"/>, for a ring that may be encrypted at rest: an encrypted
    /// file is opened with <paramref name="passphrase"/>, and a ring created here is encrypted under
    /// it. A ring in clear stays in clear until <see cref="EncryptAtRest"/>.
    /// </summary>
    /// <exception cref="KeyStoreException">The file is encrypted, and the passphrase is missing or not its.</exception>
    public static KeyRing OpenOrCreate(string path, KeyRingPassphrase? passphrase, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);

        var fullPath = System.IO.Path.GetFullPath(path);
        if (File.Exists(fullPath))
            return new KeyRing(fullPath, KeyRingFile.Load(fullPath, passphrase), passphrase, time);

        KeyRingFile.EnsureDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        using (KeyRingFile.AcquireLock(fullPath))
        {
            if (!File.Exists(fullPath))
            {
                var created = KeyRingState.CreateNew(time.GetUtcNow());
                var encryption = passphrase is null ? null : KeyRingEncryption.Create(passphrase);
                if (KeyRingFile.WriteAtomically(fullPath, KeyRingFile.Serialize(created, encryption), overwrite: false))
                    return new KeyRing(fullPath, (created, encryption), passphrase, time);
            }

            return new KeyRing(fullPath, KeyRingFile.Load(fullPath, passphrase), passphrase, time);
        }
    }

    /// <summary>
    /// Adds a register key generation and makes it current. Earlier generations stay, because
    /// partitions written with them record their key id and must remain readable.
    /// </summary>
    /// <returns>The new key id.</returns>
    public int Rotate() => Change(state =>
    {
        var next = state.WithNewRegisterKey(_time.GetUtcNow(), out var keyId);
        return (next, keyId);
    });

    /// <summary>As of this instance's last load or change; another process may have changed the file since.</summary>
    public bool HasStudyKey(string studyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        return _state.StudyKeys.ContainsKey(studyId);
    }

    /// <summary>
    /// Deletes the study's key from the file. Its pseudonyms can then never be recomputed, so data
    /// handed out for the study can no longer be linked back to anyone; a later request for the
    /// study gets a new, unrelated key.
    /// </summary>
    public void DeleteStudyKey(string studyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        Change(state => state.StudyKeys.ContainsKey(studyId) ? (state.WithoutStudyKey(studyId), true) : (state, false));
    }

    /// <exception cref="KeyNotFoundException">The id is not in this ring.</exception>
    internal byte[] GetRegisterKeySecret(int keyId)
    {
        if (_state.RegisterKeys.TryGetValue(keyId, out var key))
            return key.Secret;

        // Another process may have rotated since this ring was loaded.
        lock (_gate)
        {
            _state = Reload(_state);
        }

        if (_state.RegisterKeys.TryGetValue(keyId, out key))
            return key.Secret;

        throw new KeyNotFoundException(
            $"Register key id {keyId} is not in the key ring at {Path} (it has {string.Join(", ", _state.KeyIds)}). " +
            $"The data was written with another key ring; point {KeyRingLocation.EnvironmentVariable} at that one.");
    }

    /// <summary>Returns the study's key, creating and saving a random one on first use.</summary>
    internal byte[] GetOrCreateStudyKey(string studyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        if (_state.StudyKeys.TryGetValue(studyId, out var key))
            return key.Secret;

        return Change(state =>
        {
            // Another process may have created it first; its key must win, or the two would disagree.
            if (state.StudyKeys.TryGetValue(studyId, out var existing))
                return (state, existing.Secret);

            var created = KeySecret.CreateRandom(_time.GetUtcNow());
            return (state.WithStudyKey(studyId, created), created.Secret);
        });
    }

    /// <summary>Names the file only; the keys never appear in logs or messages.</summary>
    public override string ToString() => $"KeyRing({Path}, keys redacted)";

    /// <summary>
    /// Applies a change to the file's current content under the cross-process lock, so changes
    /// made by other processes since this ring was loaded are kept rather than overwritten.
    /// The file keeps the form it has (in clear, or encrypted under a fresh nonce) unless
    /// <paramref name="newForm"/> gives another.
    /// </summary>
    /// <param name="newForm">The encryption to write under from now on (null from it: in clear); without it, the file's form is kept.</param>
    private T Change<T>(Func<KeyRingState, (KeyRingState State, T Result)> change, Func<KeyRingEncryption?>? newForm = null)
    {
        lock (_gate)
        {
            using (KeyRingFile.AcquireLock(Path))
            {
                var current = Reload(_state);
                var (next, result) = change(current);
                var form = newForm is null ? _encryption : newForm();
                if (!ReferenceEquals(next, current) || !ReferenceEquals(form, _encryption))
                    KeyRingFile.WriteAtomically(Path, KeyRingFile.Serialize(next, form), overwrite: true);

                _state = next;
                _encryption = form;
                return result;
            }
        }
    }

    /// <summary>The file's current content, and its form; called under <see cref="_gate"/>.</summary>
    private KeyRingState Reload(KeyRingState loaded)
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException(
                $"Key ring file {Path} has disappeared since it was opened. Restore it from backup; a new ring would reproduce no existing pseudonym.",
                Path);
        }

        var (reloaded, encryption) = KeyRingFile.Load(Path, _passphrase, _encryption);
        if (!loaded.IsSameRingAs(reloaded))
        {
            throw new InvalidDataException(
                $"Key ring file {Path} was replaced by a different key ring while in use (its identity or register keys changed). " +
                "Stop all lake processes and check which ring is the right one.");
        }

        _encryption = encryption;
        return reloaded;
    }
}
