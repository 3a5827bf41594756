using System.IO.Compression;
using System.Text;
using Lake.Ingest.Profiling;
using Lake.Pseudonymization;

namespace Lake.Ingest.Tests.Profiling;

public sealed class FeedScannerTests
{
    private static readonly Hetu[] People =
    [
        Hetu.Create(new DateOnly(1948, 4, 2), 902),
        Hetu.Create(new DateOnly(1961, 11, 30), 913),
        Hetu.Create(new DateOnly(1975, 6, 15), 924),
        Hetu.Create(new DateOnly(2003, 1, 9), 935),
    ];

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-ingest-tests");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    /// <summary>A dialysis export as an old Windows system writes it: Latin-1, semicolons, Finnish dates, decimal comma.</summary>
    private string LatinDialysisFeed(int rows = 40)
    {
        var lines = new List<string> { "HETU;HOITOPVM;SUURE;ARVO;YKSIKKO;OSASTO;POSTINRO" };
        for (var i = 0; i < rows; i++)
        {
            var person = People[i % People.Length];
            lines.Add($"{person.Value};{1 + (i % 28):00}.{1 + (i % 12):00}.{2016 + (i % 8)} {i % 24:00}:{i % 60:00};{(i % 2 == 0 ? "PAINO_ENNEN" : "PAINO_JALKEEN")};{70 + (i % 10)},{i % 10};kg;Munuaiskeskus, dialyysiyksikkö;{(i % 3 == 0 ? "" : "00290")}");
        }

        return Write("nefro.csv", lines, Encoding.Latin1);
    }

    [Test]
    public void Scan_LatinSemicolonFeed_FindsEncodingDelimiterHeaderAndIdentity()
    {
        var profile = FeedScanner.Scan(LatinDialysisFeed());

        Assert.Multiple(() =>
        {
            Assert.That(profile.Encoding, Is.EqualTo("iso-8859-1"));
            Assert.That(profile.Kind, Is.EqualTo("delimited"));
            Assert.That(profile.Delimiter, Is.EqualTo(";"));
            Assert.That(profile.Header, Is.True);
            Assert.That(profile.IdentityColumn, Is.EqualTo("HETU"));
            Assert.That(profile.RowsSampled, Is.EqualTo(40));
            Assert.That(profile.Truncated, Is.False);
            Assert.That(profile.Columns.Select(c => c.Name), Is.EqualTo(new[] { "HETU", "HOITOPVM", "SUURE", "ARVO", "YKSIKKO", "OSASTO", "POSTINRO" }));
        });
    }

    [Test]
    public void Scan_LatinSemicolonFeed_InfersTypesFormatsAndDecimalComma()
    {
        var columns = FeedScanner.Scan(LatinDialysisFeed()).Columns.ToDictionary(c => c.Name);

        Assert.Multiple(() =>
        {
            Assert.That(columns["HOITOPVM"].Type, Is.EqualTo(InferredType.Timestamp));
            Assert.That(columns["HOITOPVM"].Format, Is.EqualTo("dd.MM.yyyy HH:mm"));
            Assert.That(columns["HOITOPVM"].MinYear, Is.EqualTo(2016));
            Assert.That(columns["HOITOPVM"].MaxYear, Is.EqualTo(2023));
            Assert.That(columns["ARVO"].Type, Is.EqualTo(InferredType.Decimal));
            Assert.That(columns["ARVO"].DecimalSeparator, Is.EqualTo("comma"));
            Assert.That(columns["SUURE"].Type, Is.EqualTo(InferredType.Text));
            Assert.That(columns["SUURE"].Distinct, Is.EqualTo(2));
            Assert.That(columns["OSASTO"].TopValues.Single(), Is.EqualTo(new ValueFrequency("Munuaiskeskus, dialyysiyksikkö", 40)));
            Assert.That(columns["POSTINRO"].Type, Is.EqualTo(InferredType.Text), "a leading zero makes a code, not a number");
            Assert.That(columns["POSTINRO"].Empty, Is.EqualTo(14));
            Assert.That(columns["POSTINRO"].MaxLength, Is.EqualTo(5));
        });
    }

    [Test]
    public void Scan_AFewBrokenValues_KeepTheFormatOfTheRestAndAreCounted()
    {
        // One impossible date and one stray letter among forty: what ingest would quarantine, not a reason to call the columns text.
        var lines = File.ReadAllLines(LatinDialysisFeed(), Encoding.Latin1).ToList();
        var fields = lines[5].Split(';');
        (fields[1], fields[3]) = ("31.02.2020 10:00", "x");
        lines[5] = string.Join(';', fields);
        var feed = Write("broken.csv", lines, Encoding.Latin1);

        var columns = FeedScanner.Scan(feed).Columns.ToDictionary(c => c.Name);

        Assert.Multiple(() =>
        {
            Assert.That(columns["HOITOPVM"].Format, Is.EqualTo("dd.MM.yyyy HH:mm"));
            Assert.That(columns["HOITOPVM"].NotFitting, Is.EqualTo(1));
            Assert.That(columns["ARVO"].DecimalSeparator, Is.EqualTo("comma"));
            Assert.That(columns["ARVO"].NotFitting, Is.EqualTo(1));
            Assert.That(columns["SUURE"].NotFitting, Is.Zero);
        });
    }

    [Test]
    public void Scan_IdentityColumn_KeepsNoValueAndNoValueAnywhereIsAnIdentityCode()
    {
        var profile = FeedScanner.Scan(LatinDialysisFeed());
        var identity = profile.Columns.Single(c => c.Name == "HETU");

        Assert.Multiple(() =>
        {
            Assert.That(identity.IdentityCodeShare, Is.EqualTo(1.0));
            Assert.That(identity.ValuesHidden, Is.True);
            Assert.That(identity.TopValues, Is.Empty);
            Assert.That(identity.Distinct, Is.EqualTo(People.Length));
            var shown = profile.Columns.SelectMany(c => c.TopValues).Select(v => v.Value).ToList();
            Assert.That(shown.Where(v => People.Any(p => v.Contains(p.Value, StringComparison.Ordinal))), Is.Empty);
        });
    }

    [Test]
    public void Scan_IdentityCodeInsideText_IsMaskedInTopValues()
    {
        var feed = Write("notes.csv", ["id,note", .. Enumerable.Range(0, 6).Select(i => $"{i},soitettu {People[0].Value} kotiin")], Encoding.UTF8);

        var note = FeedScanner.Scan(feed).Columns.Single(c => c.Name == "note");

        Assert.That(note.TopValues.Single().Value, Is.EqualTo("soitettu [identity code] kotiin"));
    }

    [Test]
    public void Scan_MostlyValidIdentityCodes_StillTheIdentityColumn()
    {
        var broken = People[0].Value[..10] + (People[0].Value[10] == 'A' ? 'B' : 'A');
        var feed = Write("ids.csv", ["pid,x", .. People.Select(p => $"{p.Value},1"), $"{broken},2"], Encoding.UTF8);

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.IdentityColumn, Is.EqualTo("pid"));
            Assert.That(profile.Columns[0].IdentityCodeShare, Is.EqualTo(0.8).Within(1e-9));
            Assert.That(profile.Columns[0].TopValues, Is.Empty);
        });
    }

    [Test]
    public void Scan_WindowsTextWithEuroSign_IsWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var feed = Write("prices.csv", ["tuote;hinta", "lääke;12,50 €", "side;3,20 €"], Encoding.GetEncoding(1252));

        Assert.That(FeedScanner.Scan(feed).Encoding, Is.EqualTo("windows-1252"));
    }

    [Test]
    public void Scan_Utf8WithByteOrderMark_IsUtf8AndTheHeaderHasNoMark()
    {
        var feed = Write("bom.csv", ["potilas,päivä", "a,2021-01-02"], new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Encoding, Is.EqualTo("utf-8"));
            Assert.That(profile.Reasons, Has.Some.Contains("byte order mark"));
            Assert.That(profile.Columns[0].Name, Is.EqualTo("potilas"));
        });
    }

    [Test]
    public void Scan_Utf8IsoTimestampsWithComma_FindsIsoFormat()
    {
        var feed = Write("apotti.csv", ["patient_id,dx_code,recorded_at", .. People.Select((p, i) => $"{p.Value},E11.{i},2022-0{i + 1}-1{i}T08:30:00")], Encoding.UTF8);

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Encoding, Is.EqualTo("utf-8"));
            Assert.That(profile.Delimiter, Is.EqualTo(","));
            Assert.That(profile.Columns[2].Format, Is.EqualTo("yyyy-MM-ddTHH:mm:ss"));
            Assert.That(profile.Columns[1].Type, Is.EqualTo(InferredType.Text));
        });
    }

    [TestCase("\t", "tab")]
    [TestCase("|", "|")]
    public void Scan_OtherDelimiters_AreFound(string delimiter, string expected)
    {
        var feed = Write("lab.txt", [string.Join(delimiter, "HETU", "TULOS", "AIKA"), .. People.Select(p => string.Join(delimiter, p.Value, "5,4", "1.2.2020"))], Encoding.UTF8);

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Delimiter, Is.EqualTo(expected));
            Assert.That(profile.Columns[2].Format, Is.EqualTo("d.M.yyyy"), "not zero-padded, so the lenient Finnish format");
        });
    }

    [Test]
    public void Scan_JsonLines_ReadsKeysAsColumns()
    {
        var feed = Write("events.jsonl", [.. People.Select((p, i) => $$"""{"hetu": "{{p.Value}}", "value": {{i}}.5, "at": "2023-05-0{{i + 1}}"}""")], Encoding.UTF8);

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Kind, Is.EqualTo("json_lines"));
            Assert.That(profile.Delimiter, Is.Null);
            Assert.That(profile.IdentityColumn, Is.EqualTo("hetu"));
            Assert.That(profile.Columns[1].DecimalSeparator, Is.EqualTo("point"));
            Assert.That(profile.Columns[2].Type, Is.EqualTo(InferredType.Date));
            Assert.That(profile.Columns[2].Format, Is.EqualTo("yyyy-MM-dd"));
        });
    }

    [Test]
    public void Scan_NoHeaderRow_SaysSoAndNamesColumns()
    {
        var feed = Write("headless.csv", [.. People.Select(p => $"{p.Value};12.03.2021")], Encoding.UTF8);

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Header, Is.False);
            Assert.That(profile.RowsSampled, Is.EqualTo(People.Length));
            Assert.That(profile.Columns.Select(c => c.Name), Is.EqualTo(new[] { "column1", "column2" }));
        });
    }

    [Test]
    public void Scan_HugeFeed_ReadsOnlyTheSampleAndCapsDistinctValues()
    {
        var feed = LatinDialysisFeed(rows: 5000);

        var profile = FeedScanner.Scan(feed, new FeedScanOptions { MaxRows = 300, MaxDistinct = 50 });
        var time = profile.Columns.Single(c => c.Name == "HOITOPVM");

        Assert.Multiple(() =>
        {
            Assert.That(profile.RowsSampled, Is.EqualTo(300));
            Assert.That(profile.Truncated, Is.True);
            Assert.That(time.Values, Is.EqualTo(300));
            Assert.That(time.Distinct, Is.EqualTo(50));
            Assert.That(time.DistinctCapped, Is.True);
        });
    }

    [Test]
    public void Scan_GivenDelimiterAndEncoding_AreUsedAsGiven()
    {
        var feed = LatinDialysisFeed();

        var profile = FeedScanner.Scan(feed, new FeedScanOptions { Delimiter = ",", Encoding = "windows-1252" });

        Assert.Multiple(() =>
        {
            Assert.That(profile.Delimiter, Is.EqualTo(","));
            Assert.That(profile.Encoding, Is.EqualTo("windows-1252"));
            Assert.That(profile.Reasons, Has.Some.EqualTo("delimiter ,: given"));
        });
    }

    [Test]
    public void Scan_GzipFeed_IsReadThroughTheCompression()
    {
        var plain = LatinDialysisFeed();
        var gzip = _folder.File("nefro.csv.gz");
        using (var output = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
            output.Write(File.ReadAllBytes(plain));

        var profile = FeedScanner.Scan(gzip);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Compression, Is.EqualTo("gzip"));
            Assert.That(profile.Encoding, Is.EqualTo("iso-8859-1"));
            Assert.That(profile.IdentityColumn, Is.EqualTo("HETU"));
        });
    }

    [Test]
    public void Scan_WrongFieldCount_CountedAndLeftOutOfColumns()
    {
        var feed = Write("ragged.csv", ["a;b", "1;2", "3", "4;5"], Encoding.UTF8);

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.RowsWithWrongFieldCount, Is.EqualTo(1));
            Assert.That(profile.Columns[0].Values, Is.EqualTo(2));
            Assert.That(profile.Columns[0].Type, Is.EqualTo(InferredType.Integer));
        });
    }

    [Test]
    public void Scan_FixedWidthFeed_FindsTheIdentityCodesPositionAndNothingElse()
    {
        // A pathology export: identity code run together with the sample number, then time stamp and text.
        var feed = Write("qpati.dat", People.Select((p, i) => $"{p.Value}H21-00000{i}  20211207125{i}Papa-näyte, kohdunkaula     T83000 M00100").ToList(), Encoding.Latin1);

        var profile = FeedScanner.Scan(feed);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Kind, Is.EqualTo("fixed_width"));
            Assert.That(profile.Header, Is.False);
            Assert.That(profile.Fields.Select(f => (f.Name, f.Start, f.Length)), Is.EqualTo(new[] { ("HETU", 1, 11) }));
            Assert.That(profile.IdentityColumn, Is.EqualTo("HETU"));
            Assert.That(profile.Columns.Single().ValuesHidden, Is.True);
        });
    }

    [Test]
    public void Scan_FirstLineIsDataWithAnIdentityCodeRunTogether_IsNotTakenForAHeaderNorPrinted()
    {
        var feed = Write("runs.csv", People.Select(p => $"{p.Value}X12,a").ToList(), Encoding.UTF8);

        var profile = FeedScanner.Scan(feed);
        var printed = string.Join("\n", profile.Columns.Select(c => c.Name).Concat(profile.Columns.SelectMany(c => c.TopValues).Select(v => v.Value)));

        Assert.Multiple(() =>
        {
            Assert.That(profile.Header, Is.False);
            Assert.That(People.Where(p => printed.Contains(p.Value, StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void Scan_LatinFeedWithSomeUtf8Rows_IsLatin1AndSaysTheEncodingsAreMixed()
    {
        var path = _folder.File("mixed.csv");
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.Latin1.GetBytes("suure;arvo\nLÄMPÖ;37,1\nPAINO;80,0\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("LÄMPÖ;36,9\n"));
        File.WriteAllBytes(path, [.. bytes]);

        var profile = FeedScanner.Scan(path);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Encoding, Is.EqualTo("iso-8859-1"), "the UTF-8 bytes C3 84 are not Windows-1252 evidence");
            Assert.That(profile.Reasons, Has.Some.Contains("mixes encodings"));
        });
    }

    [Test]
    public void Scan_EmptyFeed_Throws()
    {
        var feed = Write("empty.csv", [], Encoding.UTF8);

        Assert.That(() => FeedScanner.Scan(feed), Throws.TypeOf<FeedException>().With.Message.Contains("empty"));
    }

    private string Write(string name, IEnumerable<string> lines, Encoding encoding)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")), encoding);
        return path;
    }
}
