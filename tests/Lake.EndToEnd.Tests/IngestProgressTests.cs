using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Pseudonymization;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// <c>lake ingest</c> with stderr not a terminal (a CI log): it says at once what it reads and how
/// big it is, and when it is done how many rows it read, on stderr; stdout stays the result alone.
/// </summary>
[NonParallelizable] // Drives the CLI, which writes to the console, and sets process-wide environment variables.
public sealed class IngestProgressTests
{
    private const int Rows = 100_000;

    private TempDirectory _root = null!;

    [SetUp]
    public void WriteFeed()
    {
        _root = new TempDirectory("lake-ingest-progress");
        Directory.CreateDirectory(Path.Combine(_root.Path, "sources"));
        File.WriteAllText(Path.Combine(_root.Path, "sources", "big-dx.yaml"), DiagnosisDescriptor.For("Bigsys"));
        var people = Enumerable.Range(0, 500).Select(i => Hetu.Create(new DateOnly(1940 + (i % 60), 1 + (i % 12), 1 + (i % 28)), 100 + i).Value).ToArray();
        File.WriteAllLines(Feed, Enumerable.Range(0, Rows)
            .Select(i => $"{people[i % people.Length]},E11.{i % 10},{2016 + (i % 8)}-0{1 + (i % 9)}-1{i % 10} 10:00")
            .Prepend("hetu,code,at"));
    }

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Dispose();
    }

    private string Feed => Path.Combine(_root.Path, "big.csv");

    [Test]
    public async Task Ingest_NotATerminal_PrintsProgressLinesOnStderrAndOnlyJsonOnStdout()
    {
        var run = await IngestAsync("--json");
        var errorLines = run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var result = JsonDocument.Parse(run.Output);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(errorLines.First(), Does.Match(@"^ingest: reading big\.csv \(\d+ MB\)$"), "said at once, before any row");
            Assert.That(errorLines.Last(), Does.Match($@"^ingest: done, {Regex.Escape(Rows.ToString("N0", CultureInfo.InvariantCulture))} rows read, \d+ s$"));
            Assert.That(errorLines.Skip(1).SkipLast(1), Has.All.Match(@"^ingest: [\d,]+ rows read, \d+ s$"), "any line in between is a periodic count");
            Assert.That(result.RootElement.GetProperty("rowsRead").GetInt64(), Is.EqualTo(Rows));
            Assert.That(run.Output, Does.Not.Contain("ingest:"), "no progress in the JSON stream");
        });
    }

    [Test]
    public async Task Ingest_Table_KeepsProgressOffStdoutToo()
    {
        var run = await IngestAsync();

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(run.Output, Does.Contain("Bigsys → diagnosis").And.Not.Contain("ingest:"));
            Assert.That(run.Error, Does.Contain("ingest: done"));
        });
    }

    private Task<LakeConsole.Streams> IngestAsync(params string[] options)
    {
        var (data, keyRing) = (Path.Combine(_root.Path, "data"), Path.Combine(_root.Path, "keys", "keyring.json"));
        return LakeUsers.AsAsync(data, keyRing, LakeUsers.Staff, () => LakeConsole.RunSeparatelyAsync(
            ["ingest", "--source", "big-dx", Feed, .. options, "--data", data, "--keyring", keyRing, "--sources", Path.Combine(_root.Path, "sources")]));
    }
}
