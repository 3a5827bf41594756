using System.Text.Json;
using Lake.Contracts.Files;

namespace Lake.Contracts.Lake;

/// <summary>
/// Batches found with a damaged file, each with what was found and when: the catalog and
/// <c>lake verify</c> show them, and they stay suspect until a clean check or a new ingest of their
/// feed. A marker is a small owner-only file per batch (marked when written) in <see cref="LakeLayout.SuspectFolder"/>.
/// </summary>
public sealed class SuspectBatches(LakeLayout layout)
{
    public void Mark(string batchId, string finding)
    {
        ContainedFiles.CreateFolder(layout.Root, layout.SuspectFolder);
        var record = new SuspectMark(batchId, finding);
        ContainedFiles.WriteDurably(layout.Root, layout.SuspectPath(batchId), stream => JsonSerializer.Serialize(stream, record, LakeJson.Options), overwrite: true);
    }

    /// <summary>Clears the mark of a batch whose files all check out again (restored from backup).</summary>
    public void Clear(string batchId)
    {
        ContainedFiles.Delete(layout.Root, layout.SuspectPath(batchId));
    }

    public IReadOnlyList<SuspectBatch> All()
    {
        var folder = ContainedPath.Under(layout.Root, layout.SuspectFolder);
        if (!Directory.Exists(folder))
            return [];
        return Directory.EnumerateFiles(folder, "*.json")
            .Select(path => ContainedPath.Under(folder, path))
            .Select(path => (Path: path, Mark: JsonSerializer.Deserialize<SuspectMark>(File.ReadAllText(path), LakeJson.Options)))
            .Where(m => m.Mark is not null)
            .Select(m => new SuspectBatch(m.Mark!.BatchId, m.Mark.Finding, new DateTimeOffset(File.GetLastWriteTimeUtc(m.Path))))
            .OrderBy(s => s.BatchId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What a marker file holds; when it was marked is the file's own time.</summary>
    private sealed record SuspectMark(string BatchId, string Finding);
}

/// <summary>A batch marked suspect: which, what was found, when.</summary>
public sealed record SuspectBatch(string BatchId, string Finding, DateTimeOffset MarkedAt);
