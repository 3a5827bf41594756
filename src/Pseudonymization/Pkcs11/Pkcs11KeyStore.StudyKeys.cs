using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// Study keys: 32 random bytes from the token, kept wrapped (AES-256-GCM under the token's study key
/// wrapping key, the study id bound in) in <see cref="Path"/>, and unwrapped into this process's
/// memory only while it uses them. Deleting one removes its only wrapped copy.
/// </summary>
public sealed partial class Pkcs11KeyStore
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte[]> _unwrapped = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, WrappedStudyKey> _wrappedStudyKeys;

    /// <summary>As of this instance's last load or change of the study key file.</summary>
    public IReadOnlyList<string> StudyIds => [.. _wrappedStudyKeys.Keys.Order(StringComparer.Ordinal)];

    public bool HasStudyKey(string studyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        return _wrappedStudyKeys.ContainsKey(studyId);
    }

    public void DeleteStudyKey(string studyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        lock (_gate)
        {
            _wrappedStudyKeys = WrappedStudyKeyFile.Change(Path, keys =>
            {
                if (!keys.ContainsKey(studyId))
                    return (keys, keys);
                var remaining = new Dictionary<string, WrappedStudyKey>(keys, StringComparer.Ordinal);
                remaining.Remove(studyId);
                return (remaining, (IReadOnlyDictionary<string, WrappedStudyKey>)remaining);
            });

            if (_unwrapped.TryRemove(studyId, out var key))
                CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>HMAC-SHA256 under the study key, in this process; the key is created (inside the token's random generator) on first use.</summary>
    public void ComputeStudyMac(string studyId, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        HMACSHA256.HashData(StudyKey(studyId), message, mac);
    }

    private byte[] StudyKey(string studyId)
    {
        if (_unwrapped.TryGetValue(studyId, out var key))
            return key;

        lock (_gate)
        {
            if (_unwrapped.TryGetValue(studyId, out key))
                return key;

            if (!_wrappedStudyKeys.TryGetValue(studyId, out var wrapped))
            {
                _wrappedStudyKeys = WrappedStudyKeyFile.Change(Path, keys =>
                {
                    // Another process may have created it first; its key must win, or the two would disagree.
                    if (keys.ContainsKey(studyId))
                        return (keys, keys);
                    var created = new WrappedStudyKey(Wrap(studyId, _token.Run(session => session.GenerateRandom(Pkcs11KeyTemplates.KeySize))), _time.GetUtcNow());
                    var next = new Dictionary<string, WrappedStudyKey>(keys, StringComparer.Ordinal) { [studyId] = created };
                    return (next, (IReadOnlyDictionary<string, WrappedStudyKey>)next);
                });
                wrapped = _wrappedStudyKeys[studyId];
            }

            key = Unwrap(studyId, wrapped);
            _unwrapped[studyId] = key;
            return key;
        }
    }

    private byte[] Wrap(string studyId, byte[] key)
    {
        var nonce = new byte[AesGcmSeal.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        var encrypted = Encrypt(_studyKeyWrappingKey, nonce, StudyKeyAssociatedData(studyId), key);
        CryptographicOperations.ZeroMemory(key);
        return [.. nonce, .. encrypted];
    }

    private byte[] Unwrap(string studyId, WrappedStudyKey wrapped)
    {
        var bytes = wrapped.Wrapped;
        var key = bytes.Length == AesGcmSeal.NonceSize + Pkcs11KeyTemplates.KeySize + AesGcmSeal.TagSize
            ? Decrypt(_studyKeyWrappingKey, bytes[..AesGcmSeal.NonceSize], StudyKeyAssociatedData(studyId), bytes[AesGcmSeal.NonceSize..])
            : null;
        return key ?? throw new InvalidDataException(
            $"The study key of {studyId} in {Path} does not open under the wrapping key of token \"{_token.Label}\": " +
            "the file belongs to another token (or was changed). Point Keys:Pkcs11:StudyKeyFile at this token's file.");
    }

    private void ForgetStudyKeys()
    {
        foreach (var studyId in _unwrapped.Keys)
        {
            if (_unwrapped.TryRemove(studyId, out var key))
                CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] StudyKeyAssociatedData(string studyId) => Encoding.UTF8.GetBytes("lake study key v1|" + studyId);
}
