using System.Text;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Profiling;
using Lake.Pseudonymization;

namespace Lake.Ingest.Tests.Profiling;

public sealed class DraftDescriptorWriterTests
{
    private static readonly Hetu[] People =
    [
        Hetu.Create(new DateOnly(1950, 2, 3), 942),
        Hetu.Create(new DateOnly(1982, 7, 21), 953),
        Hetu.Create(new DateOnly(1999, 12, 1), 964),
    ];

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-ingest-tests");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    /// <summary>A feed whose columns happen to carry the diagnosis register's names, so only system and register are left to decide.</summary>
    private string DiagnosisFeed() => Write("dx.csv", Encoding.Latin1,
    [
        "hetu;code;code_system;recorded_at;unit;mother_hetu",
        .. People.Select((p, i) => $"{p.Value};E11.{i};ICD-10;0{i + 1}.03.2021 10:1{i};Sisätaudit;{People[(i + 1) % People.Length].Value}"),
    ]);

    [Test]
    public void Write_Scan_DraftReadsAsADescriptorWithFormatIdentityAndFormats()
    {
        var draft = Draft(DiagnosisFeed());

        var descriptor = SourceDescriptorLoader.Check(draft, out _);

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Format.Kind, Is.EqualTo("delimited"));
            Assert.That(descriptor.Format.Delimiter, Is.EqualTo(";"));
            Assert.That(descriptor.Format.Encoding, Is.EqualTo("iso-8859-1"));
            Assert.That(descriptor.Format.Header, Is.True);
            Assert.That(descriptor.Identity, Is.EqualTo("hetu"));
            Assert.That(descriptor.Columns["recorded_at"].Format, Is.EqualTo("dd.MM.yyyy HH:mm"));
            Assert.That(descriptor.Columns["unit"].From, Is.EqualTo("unit"));
            Assert.That(descriptor.Years.From, Is.EqualTo(2021));
        });
    }

    [Test]
    public void Write_Scan_TodosFailValidationWithTheirLines()
    {
        var draft = Draft(DiagnosisFeed());

        SourceDescriptorLoader.Check(draft, out var problems);

        Assert.That(problems.Single().ToString(), Does.StartWith("line 4: register: 'TODO' is not a register"));
    }

    [Test]
    public void Write_TodosFilledIn_DraftValidates()
    {
        var draft = Draft(DiagnosisFeed());
        File.WriteAllText(draft, File.ReadAllText(draft)
            .Replace("system: TODO", "system: Testsys", StringComparison.Ordinal)
            .Replace("register: TODO", "register: diagnosis", StringComparison.Ordinal));

        SourceDescriptorLoader.Check(draft, out var problems);

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Write_SecondIdentityCodeColumn_IsLeftOutWithAWarning()
    {
        var text = File.ReadAllText(Draft(DiagnosisFeed()));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("# mother_hetu holds identity codes: never map it"));
            Assert.That(text, Does.Not.Contain("from: mother_hetu"));
            Assert.That(People.Where(p => text.Contains(p.Value, StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void Write_DecimalCommaAndOddNames_AreSpelledForYaml()
    {
        var feed = Write("lab.csv", Encoding.UTF8, ["HETU\tTULOS\tnäyte aika\tnull", .. People.Select(p => $"{p.Value}\t5,4\t2.3.2020\tx")]);

        var descriptor = SourceDescriptorLoader.Check(Draft(feed), out _);

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Format.Delimiter, Is.EqualTo("tab"));
            Assert.That(descriptor.Columns["tulos"].Decimal, Is.EqualTo("comma"));
            Assert.That(descriptor.Columns["nayte_aika"].From, Is.EqualTo("näyte aika"));
            Assert.That(descriptor.Columns["nayte_aika"].Format, Is.EqualTo("d.M.yyyy"));
            Assert.That(descriptor.Columns["null"].From, Is.EqualTo("null"), "a column named null stays a name");
        });
    }

    [Test]
    public void Write_NoIdentityColumn_LeavesIdentityAsTodo()
    {
        var feed = Write("local.csv", Encoding.UTF8, ["subject_id,value", "10001,1", "10002,2"]);

        var descriptor = SourceDescriptorLoader.Check(Draft(feed), out _);

        Assert.That(descriptor.Identity, Is.EqualTo("TODO"));
    }

    private string Draft(string feed)
    {
        var path = _folder.File(Path.GetFileNameWithoutExtension(feed) + ".draft.yaml");
        File.WriteAllText(path, DraftDescriptorWriter.Write(FeedScanner.Scan(feed)));
        return path;
    }

    private string Write(string name, Encoding encoding, IEnumerable<string> lines)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")), encoding);
        return path;
    }
}
