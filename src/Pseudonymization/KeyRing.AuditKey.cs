using System.Security.Cryptography;
using System.Text;

namespace Lake.Pseudonymization;

// The key ring's one service to the audit log, kept in a file of its own so that the key stores
// behind the ring (a file today, PKCS#11 tomorrow) have a single place to move it to.
public sealed partial class KeyRing
{
    private byte[]? _auditKey;

    /// <summary>
    /// HMAC-SHA256 of <paramref name="message"/> under the audit log's key, derived from the identity
    /// key with HKDF for this purpose alone. The key itself never leaves the ring: a process that
    /// can write the control-plane database but not read the ring cannot seal an audit entry or a
    /// checkpoint, and a MAC reveals nothing about the identity key or any pseudonym.
    /// </summary>
    public byte[] AuthenticateAudit(ReadOnlySpan<byte> message)
    {
        // The identity key never changes for a ring (a reload that changed it throws), so the
        // derived key is computed once per instance.
        _auditKey ??= HKDF.DeriveKey(HashAlgorithmName.SHA256, IdentityKey, 32, salt: [], info: Encoding.UTF8.GetBytes("lake:audit-log:v1"));
        return HMACSHA256.HashData(_auditKey, message);
    }
}
