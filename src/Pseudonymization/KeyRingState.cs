using System.Security.Cryptography;

namespace Lake.Pseudonymization;

/// <summary>
/// An immutable snapshot of the key ring. Changes build a new snapshot, so readers on other
/// threads never see a half-applied rotation and need no lock.
/// </summary>
internal sealed partial class KeyRingState
{
    private KeyRingState(
        byte[] identityKey,
        Dictionary<int, KeySecret> registerKeys,
        int currentKeyId,
        Dictionary<string, KeySecret> studyKeys)
    {
        IdentityKey = identityKey;
        RegisterKeys = registerKeys;
        KeyIds = [.. registerKeys.Keys.Order()];
        CurrentKeyId = currentKeyId;
        StudyKeys = studyKeys;
    }

    public byte[] IdentityKey { get; }

    public IReadOnlyDictionary<int, KeySecret> RegisterKeys { get; }

    public IReadOnlyList<int> KeyIds { get; }

    public int CurrentKeyId { get; }

    public IReadOnlyDictionary<string, KeySecret> StudyKeys { get; }

    public static KeyRingState CreateNew(DateTimeOffset now) => new(
        KeySecret.CreateRandom(now).Secret,
        new Dictionary<int, KeySecret> { [1] = KeySecret.CreateRandom(now) },
        currentKeyId: 1,
        new Dictionary<string, KeySecret>(StringComparer.Ordinal));

    public KeyRingState WithNewRegisterKey(DateTimeOffset now, out int keyId)
    {
        keyId = KeyIds[^1] + 1;
        var registerKeys = new Dictionary<int, KeySecret>(RegisterKeys) { [keyId] = KeySecret.CreateRandom(now) };
        return new KeyRingState(IdentityKey, registerKeys, keyId, new Dictionary<string, KeySecret>(StudyKeys, StringComparer.Ordinal));
    }

    public KeyRingState WithStudyKey(string studyId, KeySecret studyKey)
    {
        var studyKeys = new Dictionary<string, KeySecret>(StudyKeys, StringComparer.Ordinal) { [studyId] = studyKey };
        return new KeyRingState(IdentityKey, new Dictionary<int, KeySecret>(RegisterKeys), CurrentKeyId, studyKeys);
    }

    public KeyRingState WithoutStudyKey(string studyId)
    {
        var studyKeys = new Dictionary<string, KeySecret>(StudyKeys, StringComparer.Ordinal);
        studyKeys.Remove(studyId);
        return new KeyRingState(IdentityKey, new Dictionary<int, KeySecret>(RegisterKeys), CurrentKeyId, studyKeys);
    }

    /// <summary>
    /// True when <paramref name="later"/> can only be this ring, changed: same identity key and every
    /// register key still present and unchanged. Study keys may come and go.
    /// </summary>
    public bool IsSameRingAs(KeyRingState later)
    {
        if (!CryptographicOperations.FixedTimeEquals(IdentityKey, later.IdentityKey))
            return false;

        foreach (var (id, key) in RegisterKeys)
        {
            if (!later.RegisterKeys.TryGetValue(id, out var laterKey) || !CryptographicOperations.FixedTimeEquals(key.Secret, laterKey.Secret))
                return false;
        }

        return true;
    }

    public override string ToString() => "KeyRingState(redacted)";
}
