using System.Globalization;
using Lake.Contracts.Files;
using Lake.Contracts.Lake;
using nietras.SeparatedValues;

namespace Lake.Extract.Catalog;

/// <summary>
/// The ingest history of every source system, from the lake's commit records (<c>_batches</c>), and
/// for one system the line numbers of its quarantined rows, from the batches' quarantine files.
/// Only the line and reason columns of a quarantine file are read: the row it keeps (identity
/// code removed) and the message stay in the file, for the data engineer who opens it on the host.
/// </summary>
public static class IngestHistory
{
    /// <summary>Line numbers listed per reason and batch; a feed with thousands of bad rows has one fault, not thousands.</summary>
    public const int LinesPerReason = 50;

    /// <summary>Every source system that has committed a batch, by name; the batches newest first, without quarantine lines.</summary>
    public static IReadOnlyList<SourceHistory> Build(LakeLayout layout)
    {
        var all = new CommitLog(layout).ReadAll();
        var superseded = all.Select(b => b.Supersedes).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return all.GroupBy(b => b.SourceSystem, StringComparer.Ordinal)
            .Select(system => new SourceHistory
            {
                System = system.Key,
                Slug = LakeLayout.SourceSlug(system.Key),
                Batches = system.Reverse().Select(b => new IngestedBatch { Commit = b, Superseded = superseded.Contains(b.BatchId) }).ToList(),
            })
            .OrderBy(s => s.System, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// One system's history with the line numbers of each batch's quarantined rows, or null when no
    /// system of the lake has that slug. The slug is only compared, never made into a path.
    /// </summary>
    public static SourceHistory? Of(LakeLayout layout, string slug)
    {
        var source = Build(layout).FirstOrDefault(s => s.Slug == slug);
        return source is null ? null : source with
        {
            Batches = source.Batches.Select(b => b.Commit.RowsQuarantined == 0 ? b : b with { Quarantine = Lines(layout, b.Commit) }).ToList(),
        };
    }

    private static List<QuarantinedLines> Lines(LakeLayout layout, BatchCommit batch)
    {
        var lines = batch.QuarantinedByReason.Keys.ToDictionary(r => r, _ => new List<long>(), StringComparer.Ordinal);
        // Written by Lake under the lake's root: a link planted there is refused, not followed.
        var path = ContainedPath.Under(layout.Root, layout.QuarantinePath(batch.BatchId));
        if (File.Exists(path))
        {
            using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
            foreach (var row in reader)
            {
                if (lines.TryGetValue(row["reason"].ToString(), out var found) && found.Count < LinesPerReason
                    && long.TryParse(row["line"].Span, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
                {
                    found.Add(line);
                }
            }
        }

        return [.. batch.QuarantinedByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new QuarantinedLines(r.Key, r.Value, lines[r.Key]))];
    }
}
