using System.Collections.Concurrent;
using System.Text;

namespace Lake.Pseudonymization;

/// <summary>
/// Computes the three levels: identity code → lake identity (keyed hash, one-way) → register
/// pseudonym (keyed permutation, invertible with the key) and lake identity → study pseudonym
/// (keyed hash with a per-study key). Thread-safe.
/// </summary>
public sealed class Pseudonymizer
{
    private const int MacSize = 32;

    private readonly IKeyStore _keys;
    private readonly ConcurrentDictionary<(string Register, int KeyId), RegisterCipher> _ciphers = new();

    /// <param name="keys">The key ring (<see cref="KeyRing"/>) or another key store; which one decides every value.</param>
    public Pseudonymizer(IKeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    private static ReadOnlySpan<byte> IdentityLabel => "lake identity v1|"u8;

    private static ReadOnlySpan<byte> StudyLabel => "lake study pseudonym v1|"u8;

    private static ReadOnlySpan<byte> DateShiftLabel => "lake study date shift v1|"u8;

    /// <summary>trunc128(HMAC-SHA256(identity key, "lake identity v1|" + code as ASCII)).</summary>
    public LakeIdentity IdentityOf(Hetu hetu)
    {
        ArgumentNullException.ThrowIfNull(hetu);

        // A validated code is 11 ASCII characters; the century sign is part of it, so
        // 100190-999P and 100190Y999P (different people since 2023) get different identities.
        Span<byte> message = stackalloc byte[IdentityLabel.Length + 11];
        IdentityLabel.CopyTo(message);
        var length = IdentityLabel.Length + Encoding.ASCII.GetBytes(hetu.Value, message[IdentityLabel.Length..]);

        Span<byte> mac = stackalloc byte[MacSize];
        _keys.ComputeIdentityMac(message[..length], mac);
        return LakeIdentity.FromBytes(mac[..LakeIdentity.Size]);
    }

    /// <summary>
    /// AES-256 of the 16 identity bytes under the key derived for the register from register key
    /// #<paramref name="keyId"/> (<see cref="IKeyStore.DeriveRegisterKey"/>). Distinct identities never collide within one
    /// register and key id, because a block cipher is a permutation.
    /// </summary>
    /// <exception cref="KeyNotFoundException"><paramref name="keyId"/> is not in the key store.</exception>
    public Guid RegisterPseudonym(string register, LakeIdentity identity, int keyId) =>
        CipherFor(register, keyId).Encrypt(identity);

    /// <summary>With the key ring's current key id, the one new partitions must record.</summary>
    public Guid RegisterPseudonym(string register, LakeIdentity identity) =>
        RegisterPseudonym(register, identity, _keys.CurrentKeyId);

    /// <summary>
    /// The inverse of <see cref="RegisterPseudonym(string, LakeIdentity, int)"/>. Only extraction uses it,
    /// to turn register pseudonyms into study pseudonyms without any stored mapping table.
    /// </summary>
    public LakeIdentity RevealIdentity(string register, int keyId, Guid registerPseudonym) =>
        CipherFor(register, keyId).Decrypt(registerPseudonym);

    /// <summary>
    /// An identity code a consent-based request supplied, sealed for the way to its extraction:
    /// AES-256 of its 11 characters (zero-padded to one block) under the key ring's key for
    /// <see cref="ConsentedCodePurpose"/>. Only a holder of the key ring can open it; the request,
    /// the bus and the control plane carry the sealed form only.
    /// </summary>
    public Guid SealIdentityCode(Hetu hetu, int keyId)
    {
        Span<byte> block = stackalloc byte[LakeIdentity.Size];
        Encoding.ASCII.GetBytes(hetu.Value, block);
        return CipherFor(ConsentedCodePurpose, keyId).Encrypt(LakeIdentity.FromBytes(block));
    }

    /// <summary>The inverse of <see cref="SealIdentityCode"/>, for the extraction that delivers consented codes.</summary>
    /// <exception cref="FormatException">The value was not sealed under this key ring and key id.</exception>
    public Hetu OpenIdentityCode(Guid sealedCode, int keyId)
    {
        Span<byte> block = stackalloc byte[LakeIdentity.Size];
        CipherFor(ConsentedCodePurpose, keyId).Decrypt(sealedCode).WriteBytes(block);
        if (block[11..].IndexOfAnyExcept((byte)0) >= 0 || !Hetu.TryParse(Encoding.ASCII.GetString(block[..11]), out var hetu, out _))
            throw new FormatException("A sealed identity code did not open to a valid code under this key ring; it was sealed by another.");
        return hetu;
    }

    /// <summary>The purpose (as a register name would be) of the key that seals consented identity codes.</summary>
    public const string ConsentedCodePurpose = "consented identity code";

    /// <summary>
    /// trunc128(HMAC-SHA256(study key, "lake study pseudonym v1|" + 16 identity bytes)); the study
    /// key is created and saved on first use.
    /// </summary>
    public Guid StudyPseudonym(string studyId, LakeIdentity identity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        Span<byte> message = stackalloc byte[StudyLabel.Length + LakeIdentity.Size];
        StudyLabel.CopyTo(message);
        identity.WriteBytes(message[StudyLabel.Length..]);

        // Not cached here: after DeleteStudyKey the old key must not keep producing pseudonyms.
        Span<byte> mac = stackalloc byte[MacSize];
        _keys.ComputeStudyMac(studyId, message, mac);
        return new Guid(mac[..16], bigEndian: true);
    }

    /// <summary>
    /// A per-patient date shift for a study, in whole days from -<paramref name="maxDays"/> to
    /// +<paramref name="maxDays"/>: HMAC-SHA256 under the study key with its own label, so it stays
    /// constant within the study, differs between studies, and cannot be derived from the study
    /// pseudonym a researcher sees.
    /// </summary>
    public int StudyDateShiftDays(string studyId, LakeIdentity identity, int maxDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDays, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        Span<byte> message = stackalloc byte[DateShiftLabel.Length + LakeIdentity.Size];
        DateShiftLabel.CopyTo(message);
        identity.WriteBytes(message[DateShiftLabel.Length..]);

        Span<byte> mac = stackalloc byte[MacSize];
        _keys.ComputeStudyMac(studyId, message, mac);
        // 64 bits reduced modulo at most 7,301 values: the bias is below 2^-50, nothing an analysis could see.
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(mac);
        return (int)(value % (ulong)((2 * maxDays) + 1)) - maxDays;
    }

    private RegisterCipher CipherFor(string register, int keyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(register);
        return _ciphers.GetOrAdd(
            (register, keyId),
            static (key, keys) => new RegisterCipher(keys.DeriveRegisterKey(key.KeyId, key.Register)),
            _keys);
    }
}
