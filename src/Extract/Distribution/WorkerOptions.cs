namespace Lake.Extract.Distribution;

/// <summary>Section "Worker" of configuration.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>
    /// For the fault tests only: a pause at the start of every task, so that a test can kill a
    /// worker while it holds a task. Zero in any real deployment.
    /// </summary>
    public TimeSpan TaskDelay { get; set; } = TimeSpan.Zero;
}
