using System.Text.Json;
using Lake.Contracts.Files;

namespace Lake.Contracts.Lake;

/// <summary>
/// Reads and writes batch commit records. Writing goes through a temporary file, a flush to disk
/// and a rename, so a crash leaves either no record or a whole one, never half of one; a link
/// planted as the batches folder or a record's name is refused (<see cref="ContainedFiles"/>).
/// </summary>
public sealed class CommitLog(LakeLayout layout)
{
    public bool IsCommitted(string batchId) => File.Exists(RecordPath(batchId));

    public void Commit(BatchCommit commit) =>
        ContainedFiles.WriteDurably(layout.Root, layout.CommitRecordPath(commit.BatchId), stream => JsonSerializer.Serialize(stream, commit, LakeJson.Options), overwrite: false);

    public BatchCommit Read(string batchId) =>
        JsonSerializer.Deserialize<BatchCommit>(File.ReadAllText(RecordPath(batchId)), LakeJson.Options)
            ?? throw new InvalidDataException($"Commit record of batch {batchId} is empty.");

    /// <summary>Every committed batch, oldest first.</summary>
    public IReadOnlyList<BatchCommit> ReadAll()
    {
        var folder = ContainedPath.Under(layout.Root, layout.BatchesFolder);
        if (!Directory.Exists(folder))
            return [];

        return Directory.EnumerateFiles(folder, "*.json")
            .Select(path => ContainedPath.Under(folder, path))
            .Select(path => JsonSerializer.Deserialize<BatchCommit>(File.ReadAllText(path), LakeJson.Options)
                ?? throw new InvalidDataException($"Commit record {path} is empty."))
            .OrderBy(c => c.CommittedAt)
            .ThenBy(c => c.BatchId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Checked when read too: a record planted as a link would otherwise name files for a batch nobody committed.</summary>
    private string RecordPath(string batchId) => ContainedPath.Under(layout.Root, layout.CommitRecordPath(batchId));
}
