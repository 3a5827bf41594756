using System.Text.RegularExpressions;

namespace Lake.Contracts.Tests;

/// <summary>
/// No code under src/ reads the clock itself: it takes a <see cref="TimeProvider"/>, so that tests
/// set the time (expiry, retention, redrives) instead of waiting for it. Checked on the C# sources
/// with a regular expression, comments left out; only the composition roots below choose
/// <see cref="TimeProvider.System"/> or read the clock, each for the reason beside it.
/// </summary>
public sealed partial class ClockConventionTests
{
    /// <summary>Paths under src/ (a folder ends with '/') allowed to read the clock, and why.</summary>
    private static readonly Dictionary<string, string> AllowedToReadTheClock = new(StringComparer.Ordinal)
    {
        ["Cli/"] = "the `lake` executable is the composition root: its commands, their host builders and the " +
            "coordinator client they run read the clock of the person at the terminal, and hand TimeProvider.System to the libraries",
        ["Coordinator/CoordinatorExtensions.cs"] = "AddLakeCoordinator, a host builder: TimeProvider.System is the default it registers",
        ["Coordinator/Identity/IdentityStore.cs"] = "OpenAsync composes the identity store's own service provider for the offline commands",
    };

    [Test]
    public void Sources_OutsideCompositionRoots_DoNotReadTheClock()
    {
        var offending = SourceFiles()
            .Where(file => !IsAllowed(file.Relative))
            .SelectMany(file => ClockReads(file.Path).Select(line => $"src/{file.Relative}:{line}"))
            .ToList();
        Assert.That(offending, Is.Empty, "inject TimeProvider instead of reading the clock (or add a composition root, with its reason, to the allow-list)");
    }

    [Test]
    public void AllowList_EveryEntry_StillReadsTheClock()
    {
        var files = SourceFiles().ToList();
        var stale = AllowedToReadTheClock.Keys
            .Where(entry => !files.Any(file => Covers(entry, file.Relative) && ClockReads(file.Path).Any()))
            .ToList();
        Assert.That(stale, Is.Empty, "an allow-list entry whose files no longer read the clock should go");
    }

    [TestCase("var now = DateTime.UtcNow;", true)]
    [TestCase("var now = DateTimeOffset.Now;", true)]
    [TestCase("_time = time ?? TimeProvider.System;", true)]
    [TestCase("var now = time.GetUtcNow();", false)]
    [TestCase("// DateTime.UtcNow is not read here", false)]
    [TestCase("var today = DateOnly.FromDateTime(moment.UtcDateTime);", false)]
    public void ClockRead_Line_IsRecognised(string line, bool reads)
    {
        Assert.That(ReadsTheClock(line), Is.EqualTo(reads));
    }

    private static bool IsAllowed(string relative) => AllowedToReadTheClock.Keys.Any(entry => Covers(entry, relative));

    private static bool Covers(string entry, string relative) =>
        entry.EndsWith('/') ? relative.StartsWith(entry, StringComparison.Ordinal) : relative == entry;

    private static IEnumerable<int> ClockReads(string path) =>
        File.ReadLines(path).Select((line, index) => (line, index)).Where(l => ReadsTheClock(l.line)).Select(l => l.index + 1);

    private static bool ReadsTheClock(string line)
    {
        var code = line.TrimStart();
        if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith('*'))
            return false;
        var comment = code.IndexOf("//", StringComparison.Ordinal);
        return ClockRead().IsMatch(comment < 0 ? code : code[..comment]);
    }

    private static IEnumerable<(string Path, string Relative)> SourceFiles()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(path => (path, Relative: Path.GetRelativePath(src, path).Replace('\\', '/')))
            .Where(file => !file.Relative.Split('/').Any(part => part is "bin" or "obj"));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lake.sln")) && Directory.Exists(Path.Combine(folder.FullName, "src")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No folder above {TestContext.CurrentContext.TestDirectory} holds Lake.sln and src/.");
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(Now|UtcNow)\b|\bTimeProvider\s*\.\s*System\b")]
    private static partial Regex ClockRead();
}
