using System.Globalization;

namespace Lake.Synthetic.Tests;

/// <summary>
/// One lake with the default options (3,000 people, 1% defects) is written once and checked
/// from several sides; tests that need other options write small lakes of their own.
/// </summary>
public sealed partial class FeedGeneratorTests
{
    private static readonly string[] FileNames = [FeedReader.Background, FeedReader.Diagnoses, FeedReader.Laboratory];

    private TemporaryFolder _folder = null!;
    private SyntheticLakeTruth _truth = null!;
    private CollectingProgress _progress = null!;

    [OneTimeSetUp]
    public void WriteDefaultLake()
    {
        _folder = new TemporaryFolder();
        _progress = new CollectingProgress();
        _truth = FeedGenerator.Write(_folder.Path, new SynthOptions(), _progress);
    }

    [OneTimeTearDown]
    public void RemoveDefaultLake() => _folder.Dispose();

    [Test]
    public void Write_DefaultOptions_WritesTheSkeletonFeedsFirstThenEveryOther()
    {
        var feeds = _truth.Feeds.Select(f => (f.SourceSystem, f.Register, f.FileName));

        Assert.That(feeds.Take(3), Is.EqualTo(new[]
        {
            ("Uranus", "patient_background", FeedReader.Background),
            ("Apotti", "diagnosis", FeedReader.Diagnoses),
            ("Multilab", "laboratory", FeedReader.Laboratory),
        }));
        Assert.That(AllFiles(_folder.Path), Is.EquivalentTo(_truth.Feeds.Select(f => f.FileName)));
        Assert.That(_progress.Reports, Has.Count.EqualTo(_truth.Feeds.Count + 1));
    }

    [Test]
    public void Write_OriginalFeedsOnly_WritesTheSameThreeFilesAsAFullRun()
    {
        using var folder = new TemporaryFolder();

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions { Feeds = SynthOptions.OriginalFeeds });

        Assert.That(truth.Feeds.Select(f => f.FileName), Is.EqualTo(FileNames));
        Assert.That(AllFiles(folder.Path), Is.EquivalentTo(FileNames));
        foreach (var name in FileNames)
            Assert.That(File.ReadAllBytes(folder.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(_folder.File(name))), Is.True, name);
    }

    [Test]
    public void Write_UnknownFeedName_ThrowsNamingTheFeeds()
    {
        using var folder = new TemporaryFolder();

        Assert.That(() => FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 10, Feeds = new HashSet<string> { "uranus_visit.csv" } }),
            Throws.ArgumentException.With.Message.Contains("uranus_visits.csv"));
    }

    [Test]
    public void Write_SameSeed_WritesByteIdenticalFilesAndTruth()
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();
        var options = new SynthOptions { Patients = 600, Seed = 7 };

        var firstTruth = FeedGenerator.Write(first.Path, options);
        var secondTruth = FeedGenerator.Write(second.Path, options);

        // SequenceEqual, not Is.EqualTo: NUnit compares large arrays element by element, slowly.
        foreach (var name in AllFiles(first.Path))
            Assert.That(File.ReadAllBytes(second.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(first.File(name))), Is.True, name);

        Assert.That(secondTruth.People, Is.EqualTo(firstTruth.People));
        for (var i = 0; i < firstTruth.Feeds.Count; i++)
            Assert.That(secondTruth.Feeds[i].Rows, Is.EqualTo(firstTruth.Feeds[i].Rows), firstTruth.Feeds[i].FileName);
    }

    [Test]
    public void Write_DifferentSeed_WritesDifferentFiles()
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();

        FeedGenerator.Write(first.Path, new SynthOptions { Patients = 600, Seed = 7 });
        FeedGenerator.Write(second.Path, new SynthOptions { Patients = 600, Seed = 8 });

        foreach (var name in FileNames)
            Assert.That(File.ReadAllBytes(second.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(first.File(name))), Is.False, name);
    }

    [Test]
    public void Write_MachineCultureWithOtherSeparators_WritesTheSameBytes()
    {
        using var invariant = new TemporaryFolder();
        using var local = new TemporaryFolder();
        var options = new SynthOptions { Patients = 300 };
        FeedGenerator.Write(invariant.Path, options);

        // A made-up culture, so the test needs no ICU data: every separator differs from the feeds' own.
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ";";
        culture.DateTimeFormat.DateSeparator = "/";
        culture.DateTimeFormat.TimeSeparator = "_";
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            FeedGenerator.Write(local.Path, options);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        foreach (var name in AllFiles(invariant.Path))
            Assert.That(File.ReadAllBytes(local.File(name)).AsSpan().SequenceEqual(File.ReadAllBytes(invariant.File(name))), Is.True, name);
    }

    [Test]
    public void Write_OtherDefectRate_KeepsTheSameGoodRows()
    {
        using var clean = new TemporaryFolder();
        using var dirty = new TemporaryFolder();

        var cleanTruth = FeedGenerator.Write(clean.Path, new SynthOptions { Patients = 600, DefectRate = 0 });
        var dirtyTruth = FeedGenerator.Write(dirty.Path, new SynthOptions { Patients = 600, DefectRate = 0.05 });

        Assert.That(dirtyTruth.People, Is.EqualTo(cleanTruth.People));
        for (var i = 0; i < cleanTruth.Feeds.Count; i++)
        {
            var withoutLines = (FeedTruth feed) => feed.GoodRows().Select(r => r with { Line = 0 });
            Assert.That(withoutLines(dirtyTruth.Feeds[i]), Is.EqualTo(withoutLines(cleanTruth.Feeds[i])), cleanTruth.Feeds[i].FileName);
        }
    }

    [Test]
    public void Write_ExistingFolder_ReplacesFiles()
    {
        using var folder = new TemporaryFolder();
        FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 300, Seed = 1 });

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 200, Seed = 2 });

        var lines = FeedReader.Lines(folder.Path, FeedReader.Background);
        Assert.That(lines, Has.Length.EqualTo(truth.Feed(FeedReader.Background).Rows.Count + 1));
    }

    /// <summary>Files under a folder by their path relative to it, '/'-separated as feed file names are.</summary>
    internal static IEnumerable<string> AllFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'));

    [Test]
    public void Write_NegativePatients_Throws()
    {
        using var folder = new TemporaryFolder();

        Assert.That(() => FeedGenerator.Write(folder.Path, new SynthOptions { Patients = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Write_DefectRateOutOfRange_Throws(double rate)
    {
        using var folder = new TemporaryFolder();

        Assert.That(() => FeedGenerator.Write(folder.Path, new SynthOptions { DefectRate = rate }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Write_NoPatients_WritesHeadersOnly()
    {
        using var folder = new TemporaryFolder();

        var truth = FeedGenerator.Write(folder.Path, new SynthOptions { Patients = 0 });

        Assert.That(truth.People, Is.Empty);
        Assert.That(truth.Feeds.SelectMany(f => f.Rows), Is.Empty);
        foreach (var name in FileNames)
            Assert.That(FeedReader.Lines(folder.Path, name), Has.Length.EqualTo(1), name);
    }
}
