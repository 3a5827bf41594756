using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lake.Coordinator.Audit;

/// <summary>
/// The bytes of an audit entry, as hashed into the chain, sealed and made a leaf of the Merkle
/// tree: every field length-prefixed, so no two different entries serialise to the same bytes.
/// The format is the one the hash chain has always used, so entries written before entries were
/// sealed keep their hashes.
/// </summary>
internal static class AuditEntryFormat
{
    public static byte[] Encode(long sequence, DateTimeOffset at, string actor, string action, string subject, string outcome, string detail, string previousHash)
    {
        var text = new StringBuilder();
        foreach (var field in new[] { sequence.ToString(CultureInfo.InvariantCulture), Timestamp(at), actor, action, subject, outcome, detail, previousHash })
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Encode(AuditEntry entry) =>
        Encode(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.Outcome, entry.Detail, entry.PreviousHash);

    /// <summary>The entry's link in the hash chain: SHA-256 of its bytes, lower-case hex.</summary>
    public static string ChainHash(byte[] encoded) => Convert.ToHexStringLower(SHA256.HashData(encoded));

    /// <summary>UTC to the tick, the form stored in the database and signed in checkpoints.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
