namespace Lake.Extract.Querying;

/// <summary>
/// A committed lake file that is missing or whose bytes no longer match its commit record: no count
/// or delivery is computed from it. The message names the file, its batch and register and what to
/// run next; it never quotes the file's content.
/// </summary>
public sealed class DamagedLakeFileException(DamagedLakeFile damage, bool markedSuspect = true)
    : Exception($"{damage.Describe()} Nothing was computed from it{(markedSuspect ? $" and batch {damage.BatchId} is marked suspect" : "")}; " +
        "run 'lake verify' to check every file, and ingest the batch's feed again (or restore the file from backup).")
{
    public DamagedLakeFile Damage { get; } = damage;
}
