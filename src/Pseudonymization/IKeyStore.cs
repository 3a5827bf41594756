namespace Lake.Pseudonymization;

/// <summary>
/// The keys behind every pseudonym, as operations rather than bytes, so that a store can keep its
/// root keys where the process cannot read them: the key ring file (<see cref="KeyRing"/>, the
/// default) or an HSM token (<see cref="Pkcs11.Pkcs11KeyStore"/>). The two hold different keys,
/// so the same person gets different pseudonyms under each.
/// </summary>
public interface IKeyStore
{
    /// <summary>
    /// The file this store keeps beside the lake's other key files: the key ring itself, or the
    /// PKCS#11 store's file of wrapped study keys. Named in messages; never holds a key in clear for PKCS#11.
    /// </summary>
    string Path { get; }

    /// <summary>
    /// False for a store opened without register keys (a coordinator that leaves register work to
    /// workers): register pseudonyms, identity-code lists and preliminary counting are then refused here.
    /// </summary>
    bool HoldsRegisterKeys { get; }

    /// <summary>The register key generation used for new writes.</summary>
    int CurrentKeyId { get; }

    /// <summary>Every register key generation, ascending; all stay usable for reading.</summary>
    IReadOnlyList<int> KeyIds { get; }

    /// <summary>The studies that have a key, in ordinal order.</summary>
    IReadOnlyList<string> StudyIds { get; }

    /// <summary>Adds a register key generation and makes it current.</summary>
    /// <returns>The new key id.</returns>
    int Rotate();

    bool HasStudyKey(string studyId);

    /// <summary>Deletes the study's key: its pseudonyms can never be recomputed.</summary>
    void DeleteStudyKey(string studyId);

    /// <summary>HMAC-SHA256 of <paramref name="message"/> under the identity key, into 32 bytes of <paramref name="mac"/>.</summary>
    void ComputeIdentityMac(ReadOnlySpan<byte> message, Span<byte> mac);

    /// <summary>
    /// The 32-byte AES key for one register (or purpose) and key generation, derived from that
    /// generation's register key; the register key itself is never returned.
    /// </summary>
    /// <exception cref="KeyNotFoundException"><paramref name="keyId"/> is not in this store.</exception>
    byte[] DeriveRegisterKey(int keyId, string register);

    /// <summary>HMAC-SHA256 under the study's key, into 32 bytes of <paramref name="mac"/>; the key is created on first use.</summary>
    void ComputeStudyMac(string studyId, ReadOnlySpan<byte> message, Span<byte> mac);

    /// <summary>
    /// AES-256-GCM of <paramref name="secret"/> for <paramref name="purpose"/>, binding
    /// <paramref name="associatedData"/>: 12 bytes of nonce, the ciphertext, 16 bytes of tag.
    /// </summary>
    byte[] Seal(string purpose, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> secret);

    /// <summary>The inverse of <see cref="Seal"/>, or null when the value was not sealed for this purpose and data under this store.</summary>
    byte[]? Open(string purpose, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> sealedValue);

    /// <summary>
    /// HMAC-SHA256 of <paramref name="message"/> under the audit log's key: a process that can write
    /// the control-plane database but has no keys cannot seal an audit entry or a checkpoint.
    /// </summary>
    byte[] AuthenticateAudit(ReadOnlySpan<byte> message);
}
