namespace Lake.Pseudonymization;

/// <summary>
/// The secrets behind every pseudonym: one identity key, register keys by generation and one key
/// per study. Kept in an owner-only JSON file outside the lake (see <see cref="KeyRingLocation"/>).
/// Losing the file makes every existing pseudonym unreachable, so back it up like a root key.
/// </summary>
public sealed partial class KeyRing
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private volatile KeyRingState _state;

    private KeyRing(string path, KeyRingState state, TimeProvider time)
    {
        Path = path;
        _state = state;
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
    public static KeyRing OpenOrCreate(string path) => OpenOrCreate(path, TimeProvider.System);

    internal static KeyRing OpenOrCreate(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);

        var fullPath = System.IO.Path.GetFullPath(path);
        if (File.Exists(fullPath))
            return new KeyRing(fullPath, KeyRingFile.Load(fullPath), time);

        KeyRingFile.EnsureDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        using (KeyRingFile.AcquireLock(fullPath))
        {
            if (!File.Exists(fullPath))
            {
                var created = KeyRingState.CreateNew(time.GetUtcNow());
                if (KeyRingFile.WriteAtomically(fullPath, created.ToJson(), overwrite: false))
                    return new KeyRing(fullPath, created, time);
            }

            return new KeyRing(fullPath, KeyRingFile.Load(fullPath), time);
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
    /// </summary>
    private T Change<T>(Func<KeyRingState, (KeyRingState State, T Result)> change)
    {
        lock (_gate)
        {
            using (KeyRingFile.AcquireLock(Path))
            {
                var current = Reload(_state);
                var (next, result) = change(current);
                if (!ReferenceEquals(next, current))
                    KeyRingFile.WriteAtomically(Path, next.ToJson(), overwrite: true);

                _state = next;
                return result;
            }
        }
    }

    private KeyRingState Reload(KeyRingState loaded)
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException(
                $"Key ring file {Path} has disappeared since it was opened. Restore it from backup; a new ring would reproduce no existing pseudonym.",
                Path);
        }

        var reloaded = KeyRingFile.Load(Path);
        if (!loaded.IsSameRingAs(reloaded))
        {
            throw new InvalidDataException(
                $"Key ring file {Path} was replaced by a different key ring while in use (its identity or register keys changed). " +
                "Stop all lake processes and check which ring is the right one.");
        }

        return reloaded;
    }
}
