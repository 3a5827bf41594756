using System.Text;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Mapping;
using Lake.Ingest.Profiling;
using Lake.Pseudonymization;

namespace Lake.Ingest.Tests.Profiling;

public sealed class FeedDryRunTests
{
    private const string Descriptor = """
        system: Nefro
        register: basic_measurement
        years: { from: 2015 }
        format: { delimiter: ";", encoding: iso-8859-1 }
        identity: HETU
        columns:
          measured_at: { from: MITTAUSAIKA, format: "dd.MM.yyyy HH:mm" }
          measurement:
            from: SUURE
            map: { PAINO_ENNEN: weight_before_dialysis, PAINO_JALKEEN: weight_after_dialysis }
          value: { from: ARVO, decimal: comma }
          value_unit: { from: YKSIKKO }
          recording_unit: { from: OSASTO }
        """;

    private static readonly Hetu Aino = Hetu.Create(new DateOnly(1948, 4, 2), 902);
    private static readonly Hetu Eino = Hetu.Create(new DateOnly(1961, 11, 30), 913);

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-ingest-tests");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private string[] FeedLines() =>
    [
        "HETU;MITTAUSAIKA;SUURE;ARVO;YKSIKKO;OSASTO",
        $"{Aino.Value};03.02.2020 08:15;PAINO_ENNEN;72,4;kg;Dialyysiyksikkö",          // line 2
        $"{Aino.Value};03.02.2020 12:40;PAINO_JALKEEN;70,1;kg;Dialyysiyksikkö",        // line 3
        $"{Eino.Value[..10]}X;05.02.2020 08:00;PAINO_ENNEN;88,0;kg;Dialyysiyksikkö",    // line 4: check character
        $"{Eino.Value};31.02.2020 08:00;PAINO_ENNEN;88,0;kg;Dialyysiyksikkö",          // line 5: no such date
        $"{Eino.Value};05.02.2020 08:00;VERENPAINE;140;mmHg;Dialyysiyksikkö {Aino.Value}", // line 6: unmapped value
        $"{Eino.Value};05.02.2020 12:00;PAINO_JALKEEN;86,5;kg;Dialyysiyksikkö {Aino.Value}", // line 7: code in text
    ];

    [Test]
    public void Run_MixedRows_MapsTheGoodAndRejectsTheBadWithLineAndReason()
    {
        var result = Run(rows: 20);

        Assert.Multiple(() =>
        {
            Assert.That(result.IdentityColumn, Is.EqualTo("HETU"));
            Assert.That(result.Columns, Is.EqualTo(new[] { "measured_at", "measurement", "value", "value_unit", "recording_unit" }));
            Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 7 }));
            Assert.That(result.Rows[0].Values, Is.EqualTo(new[] { "2020-02-03 08:15:00", "weight_before_dialysis", "72.4", "kg", "Dialyysiyksikkö" }));
            Assert.That(result.Rejections.Select(r => (r.Line, r.Reason)), Is.EqualTo(new[]
            {
                (4L, RejectionReasons.InvalidIdentity),
                (5L, RejectionReasons.InvalidDate),
                (6L, RejectionReasons.UnmappedValue),
            }));
            Assert.That(result.Rejections[1].Message, Does.Contain("'31.02.2020 08:00' is not a real date"));
            Assert.That(result.RowsRead, Is.EqualTo(6));
            Assert.That(result.MoreRows, Is.False);
        });
    }

    [Test]
    public void Run_IdentityCodesAnywhere_NeverComeBack()
    {
        var result = Run(rows: 20);

        var everything = string.Join("\n", result.Rows.SelectMany(r => r.Values).Concat(result.Rejections.Select(r => r.Message)));
        Assert.Multiple(() =>
        {
            Assert.That(everything, Does.Not.Contain(Aino.Value).And.Not.Contain(Eino.Value).And.Not.Contain(Eino.Value[..10]));
            Assert.That(result.Rows[2].Values[4], Is.EqualTo("Dialyysiyksikkö [identity code]"));
        });
    }

    [Test]
    public void Run_RowLimit_ReadsOnlyThatManyRows()
    {
        var result = Run(rows: 2);

        Assert.Multiple(() =>
        {
            Assert.That(result.RowsRead, Is.EqualTo(2));
            Assert.That(result.Rows, Has.Count.EqualTo(2));
            Assert.That(result.MoreRows, Is.True);
        });
    }

    [Test]
    public void Run_Always_WritesNothingBesideTheFeedAndLeavesNoKeyRing()
    {
        var before = Directory.EnumerateDirectories(Path.GetTempPath(), "lake-dry-run-*").Count();
        var keyRingVariable = Environment.GetEnvironmentVariable(KeyRingLocation.EnvironmentVariable);

        Run(rows: 20);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "descriptor.yaml", "nefro.csv" }));
            Assert.That(Directory.EnumerateDirectories(Path.GetTempPath(), "lake-dry-run-*").Count(), Is.EqualTo(before), "the throwaway key ring is deleted");
            Assert.That(Environment.GetEnvironmentVariable(KeyRingLocation.EnvironmentVariable), Is.EqualTo(keyRingVariable));
        });
    }

    [Test]
    public void Run_DescriptorNamesColumnTheFeedLacks_SaysWhichLine()
    {
        File.WriteAllText(_folder.File("descriptor.yaml"), Descriptor.Replace("from: YKSIKKO", "from: YKSIKKÖ", StringComparison.Ordinal));
        var descriptor = SourceDescriptorLoader.Load(_folder.File("descriptor.yaml"));

        Assert.That(() => new FeedDryRun(TimeProvider.System).Run(descriptor, WriteFeed(), 5),
            Throws.TypeOf<DescriptorException>().With.Message.Contains("line 12: columns.value_unit.from names feed column 'YKSIKKÖ'"));
    }

    private DryRunResult Run(int rows)
    {
        File.WriteAllText(_folder.File("descriptor.yaml"), Descriptor);
        var descriptor = SourceDescriptorLoader.Load(_folder.File("descriptor.yaml"));
        return new FeedDryRun(TimeProvider.System).Run(descriptor, WriteFeed(), rows);
    }

    private string WriteFeed()
    {
        var path = _folder.File("nefro.csv");
        File.WriteAllText(path, string.Concat(FeedLines().Select(l => l + "\n")), Encoding.Latin1);
        return path;
    }
}
