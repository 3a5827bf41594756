using System.Diagnostics;
using System.Text.Json;
using Lake.Bench.Reporting;

namespace Lake.Bench.Feeds;

/// <summary>
/// Generated feeds, kept between runs: the same row count, person count and generator version give
/// the same file, so it is written once. A feed is written under a temporary name and renamed when
/// complete, so an interrupted generation is never mistaken for a finished one.
/// </summary>
internal static class FeedCache
{
    public const ulong Seed = 20_261_128;

    /// <summary>200,000 distinct persons for a full run; fewer for quick runs, so each still has several samples.</summary>
    public static int DefaultPersons(long rows) => (int)Math.Clamp(rows / 10, 1_000, 200_000);

    public static (string Path, FeedInfo Info) GetOrCreate(string folder, long rows, int persons, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        var name = $"multilab-laboratory-{rows}-p{persons}-v{MultilabFeedGenerator.Version}";
        var feed = Path.Combine(folder, name + ".tsv");
        var infoPath = Path.Combine(folder, name + ".json");
        if (File.Exists(feed) && File.Exists(infoPath))
        {
            var cached = JsonSerializer.Deserialize<FeedInfo>(File.ReadAllText(infoPath), BenchJson.File);
            if (cached is not null && cached.Bytes == new FileInfo(feed).Length)
            {
                log.WriteLine($"Feed: reusing {Path.GetFileName(feed)} ({cached.Rows:N0} rows, {cached.Bytes / 1e6:N0} MB, {cached.DistinctPersons:N0} persons).");
                return (feed, cached);
            }
        }

        log.WriteLine($"Feed: generating {rows:N0} rows for {persons:N0} persons into {Path.GetFileName(feed)} ...");
        var stopwatch = Stopwatch.StartNew();
        var temporary = feed + ".tmp";
        FeedInfo info;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            info = new MultilabFeedGenerator(rows, persons, Seed).WriteTo(stream);
        }

        File.Move(temporary, feed, overwrite: true);
        File.WriteAllText(infoPath, JsonSerializer.Serialize(info, BenchJson.File));
        log.WriteLine($"Feed: {info.Bytes / 1e6:N0} MB in {stopwatch.Elapsed.TotalSeconds:N1} s ({info.DistinctPersons:N0} distinct persons).");
        return (feed, info);
    }

    /// <summary>Reads the feed once, so every measurement reads it from the page cache, not the first one alone from disk.</summary>
    public static void WarmPageCache(string feed)
    {
        var buffer = new byte[1 << 20];
        using var stream = new FileStream(feed, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        while (stream.Read(buffer) > 0)
        {
        }
    }
}
