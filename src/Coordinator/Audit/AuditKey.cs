using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Audit;

/// <summary>
/// Seals audit entries and signs tree heads with the key ring's audit key
/// (<see cref="IKeyStore.AuthenticateAudit"/>: the key ring, or an HSM token). Each kind of message carries its own first line, so
/// a seal can never be passed off as a tree head's MAC or the other way round.
/// </summary>
internal sealed class AuditKey(IKeyStore keyRing)
{
    public byte[] Seal(byte[] entry) => keyRing.AuthenticateAudit([.. "entry\n"u8, .. entry]);

    public bool IsSeal(byte[] entry, byte[] seal) => CryptographicOperations.FixedTimeEquals(Seal(entry), seal);

    public SignedTreeHead Sign(long treeSize, byte[] rootHash, DateTimeOffset timestamp)
    {
        var root = Convert.ToHexStringLower(rootHash);
        return new SignedTreeHead(treeSize, root, timestamp, Mac(treeSize, root, timestamp));
    }

    public bool IsSigned(SignedTreeHead head) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(head.TreeSize, head.RootHash, head.Timestamp)), Encoding.ASCII.GetBytes(head.Mac));

    /// <summary>
    /// A value only this key ring gives, kept in the database when the first entry is sealed: a
    /// command pointed at another key ring (<c>--keyring</c>) is stopped before it seals entries
    /// nobody could verify later.
    /// </summary>
    public string KeyCheck() => Convert.ToHexStringLower(keyRing.AuthenticateAudit("key-check\n"u8))[..32];

    /// <summary>What a tree head's MAC covers: size, root and time, one to a line.</summary>
    public static string SignedText(long treeSize, string rootHash, DateTimeOffset timestamp) =>
        string.Create(CultureInfo.InvariantCulture, $"tree-head\n{treeSize}\n{rootHash}\n{AuditEntryFormat.Timestamp(timestamp)}");

    private string Mac(long treeSize, string rootHash, DateTimeOffset timestamp) =>
        Convert.ToHexStringLower(keyRing.AuthenticateAudit(Encoding.UTF8.GetBytes(SignedText(treeSize, rootHash, timestamp))));

    public override string ToString() => "AuditKey(redacted)";
}
