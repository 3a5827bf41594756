using System.Text.Json;

namespace Lake.Contracts.Lake;

/// <summary>
/// Reads and writes batch commit records. Writing goes through a temporary file, a flush to disk
/// and a rename, so a crash leaves either no record or a whole one, never half of one.
/// </summary>
public sealed class CommitLog(LakeLayout layout)
{
    public bool IsCommitted(string batchId) => File.Exists(layout.CommitRecordPath(batchId));

    public void Commit(BatchCommit commit)
    {
        OwnerOnly.CreateFolder(layout.BatchesFolder);
        var path = layout.CommitRecordPath(commit.BatchId);
        var temporary = path + ".tmp";
        using (var stream = OwnerOnly.Open(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, commit, LakeJson.Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
    }

    public BatchCommit Read(string batchId) =>
        JsonSerializer.Deserialize<BatchCommit>(File.ReadAllText(layout.CommitRecordPath(batchId)), LakeJson.Options)
            ?? throw new InvalidDataException($"Commit record of batch {batchId} is empty.");

    /// <summary>Every committed batch, oldest first.</summary>
    public IReadOnlyList<BatchCommit> ReadAll()
    {
        if (!Directory.Exists(layout.BatchesFolder))
            return [];

        return Directory.EnumerateFiles(layout.BatchesFolder, "*.json")
            .Select(path => JsonSerializer.Deserialize<BatchCommit>(File.ReadAllText(path), LakeJson.Options)
                ?? throw new InvalidDataException($"Commit record {path} is empty."))
            .OrderBy(c => c.CommittedAt)
            .ThenBy(c => c.BatchId, StringComparer.Ordinal)
            .ToList();
    }
}
