using System.Diagnostics;
using Lake.Cli;
using Lake.Contracts.Lake;
using Lake.Synthetic;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Kills a real `lake ingest` process with SIGKILL in the middle of writing, then checks that the
/// lake is as it was before the batch and that running the same ingest again completes it with
/// every row exactly once.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable] // Starts processes and measures their timing against file-system events.
public sealed class IngestCrashTests
{
    private string _root = "";
    private string _feeds = "";
    private FeedTruth _laboratory = null!;

    [OneTimeSetUp]
    public void WriteBigFeed()
    {
        _root = Path.Combine(Path.GetTempPath(), "lake-crash-" + Guid.NewGuid().ToString("N"));
        _feeds = Path.Combine(_root, "feeds");
        // Large enough that the ingest runs for a second or more, so a kill lands mid-write.
        var truth = FeedGenerator.Write(_feeds, new SynthOptions { Patients = 40_000, Seed = 11, Feeds = new HashSet<string> { "multilab_laboratory.tsv" } });
        _laboratory = truth.Feeds.Single(f => f.Register == "laboratory" && f.SourceSystem == "Multilab");
    }

    [OneTimeTearDown]
    public void RemoveRoot()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [TestCase(0)]
    [TestCase(200)]
    [TestCase(600)]
    public async Task Ingest_KilledMidWrite_LeavesLakeAsBeforeAndRerunCompletesExactlyOnce(int delayAfterFirstFileMs)
    {
        var data = Path.Combine(_root, "data-" + delayAfterFirstFileMs);
        await LakeConsole.InitAsync(data);
        var layout = new Workspace(data).Layout;
        var feed = Path.Combine(_feeds, _laboratory.FileName);
        var args = new[] { "ingest", "--source", "multilab-laboratory", feed };

        using (var ingest = StartLake(data, args))
        {
            var firstFile = await WaitForAsync(() => PartFiles(layout).Any() || ingest.HasExited, TimeSpan.FromSeconds(60));
            Assert.That(firstFile && !ingest.HasExited, Is.True, "the ingest should still be writing when its first file appears");
            await Task.Delay(delayAfterFirstFileMs);
            Assert.That(ingest.HasExited, Is.False, "the ingest finished before the kill; use a bigger feed");
            ingest.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flushes.
            await ingest.WaitForExitAsync();
        }

        Assert.That(new CommitLog(layout).ReadAll(), Is.Empty, "a killed batch must not be visible");

        using (var rerun = StartLake(data, args))
        {
            await rerun.WaitForExitAsync();
            Assert.That(rerun.ExitCode, Is.Zero, await rerun.StandardError.ReadToEndAsync());
        }

        var commit = new CommitLog(layout).ReadAll().Single();
        var good = _laboratory.Rows.Count(r => r.Defect is null);
        Assert.Multiple(() =>
        {
            Assert.That(commit.RowsWritten, Is.EqualTo(good));
            Assert.That(commit.Files.Sum(f => f.Rows), Is.EqualTo(good));
            Assert.That(PartFiles(layout).Order(), Is.EqualTo(commit.Files.Select(f => Path.Combine(layout.Root, f.Path)).Order()),
                "every file on disk belongs to the committed batch: the killed attempt's files were removed");
        });
    }

    private static IEnumerable<string> PartFiles(LakeLayout layout)
    {
        var folder = layout.RegisterFolder("laboratory");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).ToList() : [];
    }

    private Process StartLake(string data, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lake.dll"));
        foreach (var arg in args.Concat(["--data", data, "--keyring", Path.Combine(_root, "keys", "keyring.json"), "--sources", RepositoryPaths.Sources]))
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(5);
        }

        return true;
    }
}
