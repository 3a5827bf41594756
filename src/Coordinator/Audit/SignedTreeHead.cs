namespace Lake.Coordinator.Audit;

/// <summary>
/// A checkpoint of the audit log (RFC 9162's signed tree head): how many entries the log had, the
/// Merkle root over them, when, and an HMAC over the three under the key ring's audit key.
/// Published outside the control-plane database at every append, so that a database cut short,
/// rewritten or restored from an older copy no longer matches what was published.
/// </summary>
/// <param name="RootHash">Lower-case hex of the 32-byte root.</param>
/// <param name="Mac">Lower-case hex of HMAC-SHA256 over <see cref="AuditKey.SignedText"/>.</param>
public sealed record SignedTreeHead(long TreeSize, string RootHash, DateTimeOffset Timestamp, string Mac);
