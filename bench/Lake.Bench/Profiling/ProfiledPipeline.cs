using System.Diagnostics;
using System.Security.Cryptography;
using Lake.Ingest;
using Lake.Ingest.Mapping;
using Lake.Ingest.Reading;
using Lake.Ingest.Writing;

namespace Lake.Bench.Profiling;

/// <summary>
/// FeedIngestor's per-row loop, cut off at a chosen depth. The pieces are Lake.Ingest's own classes
/// (compiled in from src/), called in the same order, so the difference between two depths is the
/// cost of the stage between them. Quarantine, lookups, commit record and progress are left out: on
/// a clean feed with no lookups they cost nothing measurable.
/// </summary>
internal static class ProfiledPipeline
{
    public static async Task<PassTiming> RunAsync(ProfileContext context, PipelineDepth depth, PassOptions options, CancellationToken cancellationToken)
    {
        var register = context.Register;
        var rowGroupSize = options.RowGroupSize ?? context.RowGroupSize;
        var keyId = context.KeyRing.CurrentKeyId;
        var output = context.Folder("pass");
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var stopwatch = Stopwatch.StartNew();

        using var reader = FeedReaders.Open(context.Descriptor, context.Feed);
        var mapper = new RowMapper(context.Descriptor, register, reader.ColumnNames);
        var checks = new PlausibilityChecks(register, DateTime.Now);
        var identities = new IdentityCache(context.Pseudonymizer, register.Name, keyId);
        var partitions = new Dictionary<int, PartitionWriter>();
        var writes = new BackgroundWrites();
        var buffers = new RowGroupBuffers(register, rowGroupSize);
        var writesDone = false;
        var warnings = new Dictionary<string, long>(StringComparer.Ordinal);
        var values = new FieldValue[register.Columns.Count];
        var record = new FeedRecord();
        long rows = 0, rejected = 0, blockedTicks = 0;
        try
        {
            while (reader.Read(record))
            {
                rows++;
                if (record.Problem is not null || record.Count != mapper.FeedColumnCount + mapper.LookupColumnCount)
                {
                    rejected++;
                    continue;
                }

                if (depth < PipelineDepth.Identity)
                    continue;
                var identity = identities.Resolve(record[mapper.IdentityIndex]);
                if (identity.Hetu is null)
                {
                    rejected++;
                    continue;
                }

                if (depth < PipelineDepth.Convert)
                    continue;
                if (mapper.Map(record, identity.Hetu, values, 0, out var year) is not null)
                {
                    rejected++;
                    continue;
                }

                if (depth < PipelineDepth.Check)
                    continue;
                if (checks.Fatal(values, identity.BirthDate) is not null)
                {
                    rejected++;
                    continue;
                }

                checks.CountWarnings(values, warnings);
                if (depth < PipelineDepth.Write)
                    continue;

                var key = year ?? int.MinValue;
                if (!partitions.TryGetValue(key, out var partition))
                {
                    var path = Path.Combine(output, $"year={key}", "part.parquet");
                    partition = new PartitionWriter(output, () => path, register, writes, buffers);
                    partitions[key] = partition;
                }

                // Only the append that fills a row group hands it to the writer, and waits when the writer's queue is full.
                if ((partition.Rows + 1) % rowGroupSize == 0)
                {
                    var start = Stopwatch.GetTimestamp();
                    await partition.AppendAsync(identity.Pseudonym, keyId, values, cancellationToken);
                    blockedTicks += Stopwatch.GetTimestamp() - start;
                }
                else
                {
                    await partition.AppendAsync(identity.Pseudonym, keyId, values, cancellationToken);
                }
            }

            var drainStart = Stopwatch.GetTimestamp();
            foreach (var partition in partitions.Values)
                await partition.CompleteAsync(cancellationToken);
            writesDone = true;
            await writes.CompleteAsync();
            var drainSeconds = Stopwatch.GetElapsedTime(drainStart).TotalSeconds;
            stopwatch.Stop();
            process.Refresh();

            return new PassTiming(options.Name, depth, rows, rejected, stopwatch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds,
                (double)blockedTicks / Stopwatch.Frequency, drainSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
                (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds, GC.CollectionCount(2) - gen2Before);
        }
        finally
        {
            if (!writesDone)
                await writes.CompleteAsync();
            foreach (var partition in partitions.Values)
                await partition.DisposeAsync();
        }
    }

    /// <summary>FeedIngestor hashes the whole feed before reading a row, to recognise a feed ingested before.</summary>
    public static async Task<double> Sha256Async(string feed, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var stream = File.OpenRead(feed);
        await SHA256.HashDataAsync(stream, cancellationToken);
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>UTF-8 decoding alone, with the buffers FeedReaders uses, to split reading into decoding and splitting.</summary>
    public static double DecodeOnly(string feed)
    {
        var stopwatch = Stopwatch.StartNew();
        using var stream = new FileStream(feed, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var text = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var buffer = new char[1 << 16];
        while (text.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        return stopwatch.Elapsed.TotalSeconds;
    }
}
