using System.Collections.Concurrent;
using System.Security.Cryptography;
using Lake.Contracts.Lake;

namespace Lake.Extract.Querying;

/// <summary>
/// Checks committed files against their commit records (size, then SHA-256) before anything reads
/// them, so a flipped bit or a truncated file fails a study or a request loudly instead of quietly
/// dropping rows. A file that checked out is remembered for this process by its identity (path,
/// size, modification time), so a long-running service hashes each file once; a file replaced or
/// rewritten since has another identity and is checked again.
/// </summary>
public static class LakeFileCheck
{
    private static readonly ConcurrentDictionary<string, FileIdentity> Verified = new(StringComparer.Ordinal);

    /// <summary>
    /// Checks every file of <paramref name="batches"/> (hashing those not checked before in this process)
    /// and marks a damaged file's batch suspect.
    /// </summary>
    /// <exception cref="DamagedLakeFileException">A file is missing, or its size or checksum is not the one committed.</exception>
    public static void Verify(LakeLayout layout, IEnumerable<BatchCommit> batches)
    {
        var files = batches.SelectMany(b => b.Files.Select(f => (Batch: b, File: f))).ToList();
        // Hashing is the cost: spread over the cores, first damage found wins.
        DamagedLakeFile? damage = null;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (item, state) =>
        {
            var found = Check(layout, item.Batch, item.File, useRemembered: true);
            if (found is not null)
            {
                Interlocked.CompareExchange(ref damage, found, null);
                state.Stop();
            }
        });

        if (damage is not null)
        {
            var marked = true;
            try
            {
                new SuspectBatches(layout).Mark(damage.BatchId, damage.Describe());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A reader that may not write the lake (a worker on a read-only mount) still says
                // what is damaged; 'lake verify' marks the batch.
                marked = false;
            }

            throw new DamagedLakeFileException(damage, marked);
        }
    }

    /// <summary>
    /// Hashes every file of <paramref name="batches"/> afresh, whatever was checked before, and
    /// returns each damaged one (the scrub of <c>lake verify</c>); damaged batches are marked suspect,
    /// and a suspect batch whose files all check out again is cleared.
    /// </summary>
    public static IReadOnlyList<DamagedLakeFile> Scrub(LakeLayout layout, IReadOnlyList<BatchCommit> batches, Action<long>? bytesChecked = null)
    {
        var damaged = new ConcurrentBag<DamagedLakeFile>();
        var suspects = new SuspectBatches(layout);
        var marked = suspects.All().Select(s => s.BatchId).ToHashSet(StringComparer.Ordinal);
        // File by file over the cores: one large batch is as many files as a hundred small ones.
        var files = batches.SelectMany(b => b.Files.Select(f => (Batch: b, File: f))).ToList();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, item =>
        {
            if (Check(layout, item.Batch, item.File, useRemembered: false) is { } damage)
                damaged.Add(damage);
            else
                bytesChecked?.Invoke(item.File.Bytes ?? 0);
        });

        foreach (var batch in batches)
        {
            if (damaged.Where(d => d.BatchId == batch.BatchId).MinBy(d => d.Path, StringComparer.Ordinal) is { } first)
                suspects.Mark(batch.BatchId, first.Describe());
            else if (marked.Contains(batch.BatchId))
                suspects.Clear(batch.BatchId);
        }

        return [.. damaged.OrderBy(d => d.Register, StringComparer.Ordinal).ThenBy(d => d.Path, StringComparer.Ordinal)];
    }

    /// <summary>Forgets what this process checked, so the next read hashes again (for tests that damage a file in place).</summary>
    internal static void Forget() => Verified.Clear();

    private static DamagedLakeFile? Check(LakeLayout layout, BatchCommit batch, BatchFile file, bool useRemembered)
    {
        var path = Path.Combine(layout.Root, file.Path);
        DamagedLakeFile Damaged(string problem) => new(batch.Register, batch.BatchId, file.Path, problem);

        var info = new FileInfo(path);
        if (!info.Exists)
            return Damaged("is missing");
        // Batches committed before checksums: nothing to compare with.
        if (file.Bytes is null || file.Sha256 is null)
            return null;
        if (info.Length != file.Bytes)
            return Damaged($"is {info.Length:N0} bytes where its commit record says {file.Bytes:N0} (truncated or overwritten)");

        var identity = new FileIdentity(info.Length, info.LastWriteTimeUtc.Ticks, file.Sha256);
        if (useRemembered && Verified.TryGetValue(path, out var remembered) && remembered == identity)
            return null;

        string actual;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(actual, file.Sha256, StringComparison.Ordinal))
        {
            Verified.TryRemove(path, out _);
            return Damaged("does not match the checksum in its commit record (its bytes changed after it was written)");
        }

        Verified[path] = identity;
        return null;
    }

    private sealed record FileIdentity(long Length, long ModifiedTicks, string Sha256);
}
