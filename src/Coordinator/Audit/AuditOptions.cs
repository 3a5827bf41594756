namespace Lake.Coordinator.Audit;

/// <summary>
/// Where the audit log publishes its checkpoints, outside the control-plane database:
/// <code>
/// "Audit": {
///   "CheckpointFile": "/srv/lake-audit/lake.checkpoints",   // default: beside the key ring
///   "Syslog": true,
///   "WitnessUrl": "https://witness.example/lake"
/// }
/// </code>
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// The append-only file every checkpoint goes to; best on storage the database's writer cannot
    /// rewrite (another volume or host, a file made <c>chattr +a</c>). Default: beside the key ring,
    /// named after the database (<c>keyring.audit-&lt;id&gt;.checkpoints</c>), never in the data folder.
    /// </summary>
    public string? CheckpointFile { get; set; }

    /// <summary>Also send each checkpoint's size and root to the local syslog (/dev/log, which journald serves) when there is one.</summary>
    public bool Syslog { get; set; } = true;

    /// <summary>An http(s) address that each checkpoint is POSTed to as JSON; none when empty.</summary>
    public string? WitnessUrl { get; set; }

    /// <summary>How long an append waits for the witness before giving up on that checkpoint.</summary>
    public TimeSpan WitnessTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a failure the witness is left alone this long, so a witness that is down does not slow every decision.</summary>
    public TimeSpan WitnessRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
