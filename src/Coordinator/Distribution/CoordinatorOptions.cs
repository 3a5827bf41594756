namespace Lake.Coordinator.Distribution;

/// <summary>
/// Section "Coordinator" of configuration: how `lake serve` listens, and how it re-drives
/// requests whose messages were lost.
/// </summary>
public sealed class CoordinatorOptions
{
    public const string SectionName = "Coordinator";

    /// <summary>Where the HTTP API listens. Loopback by default: the API has no authentication of its own.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>How often queued outbox messages are looked for when nothing wakes the dispatcher.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often requests are checked for having stalled.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A request that has not moved for this long has its messages published again. Longer than a
    /// task takes, so that a slow task is not done twice for nothing (that would be safe, only wasteful).
    /// </summary>
    public TimeSpan RedriveAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A request re-driven this often without finishing fails, naming the tasks not done: a task
    /// that kills its worker every time is dropped by the broker's delivery limit, and re-driving
    /// it for ever would only repeat that.
    /// </summary>
    public int MaxRedrives { get; set; } = 3;

    /// <summary>
    /// Whether extraction workers count preliminary studies rather than this process. Always so
    /// when the coordinator's key store holds no register keys (<c>Keys:Pkcs11:RegisterKeys=false</c>);
    /// a coordinator with them may still leave the DuckDB work to the workers' hosts.
    /// </summary>
    public bool PreliminaryOnWorkers { get; set; }

    /// <summary>
    /// How long a coordinator that leaves preliminary studies to workers waits for a worker to count a preliminary
    /// study before telling the person asking that no worker answered.
    /// </summary>
    public TimeSpan PreliminaryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// For the fault tests only: the coordinator kills itself (as kill -9 would) right after it has
    /// recorded a request's tasks and before it has published them.
    /// </summary>
    public bool CrashAfterPlanning { get; set; }
}
