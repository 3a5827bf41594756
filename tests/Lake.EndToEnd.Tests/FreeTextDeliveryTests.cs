using Lake.Contracts.Registers;
using System.Reflection;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;
using Lake.Synthetic;
using Lake.Testing;
using nietras.SeparatedValues;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Patient record texts of a synthetic population, Uranus and Apotti, ingested through the shipped
/// descriptors and delivered with free text: the delivery holds exactly the cohort's texts the
/// generator wrote, and none of the identifiers it wrote into them. The identifiers are found in
/// the feeds with patterns of this test's own, not with the scrubber's.
/// </summary>
[TestFixture]
public sealed partial class FreeTextDeliveryTests
{
    private const string Study = "texts-study";

    private static readonly string[] FeedFiles = ["uranus_diagnoses.csv", "apotti_diagnoses.csv", "uranus_record_texts.csv", "apotti_notes.csv"];

    private TempDirectory _folder = null!;
    private SyntheticLakeTruth _truth = null!;
    private Pseudonymizer _pseudonymizer = null!;
    private DeliveryManifest _manifest = null!;
    private List<(TruthRow Row, string Text)> _sourceTexts = [];
    private List<(string StudyId, DateTime RecordedAt, string Text)> _delivered = [];

    [OneTimeSetUp]
    public async Task SynthesizeIngestAndDeliver()
    {
        _folder = new TempDirectory("lake-free-text");
        var feeds = _folder.File("feeds");
        _truth = FeedGenerator.Write(feeds, new SynthOptions { Patients = 400, Seed = 47, DefectRate = 0, Feeds = FeedFiles.ToHashSet() });
        var layout = new LakeLayout(_folder.File("lake"));
        var keyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
        _pseudonymizer = new Pseudonymizer(keyRing);
        var ingestor = new FeedIngestor(layout, _pseudonymizer, keyRing, TimeProvider.System);
        var descriptors = SourceDescriptorLoader.LoadFolder(RepositoryPaths.Sources).ToList();
        foreach (var feed in _truth.Feeds)
        {
            var descriptor = descriptors.Single(d => d.System == feed.SourceSystem && d.Register == feed.Register);
            await ingestor.IngestAsync(descriptor, Path.Combine(feeds, feed.FileName));
            if (feed.Register == "patient_record_text")
                _sourceTexts.AddRange(feed.Rows.Zip(TextsOf(descriptor, Path.Combine(feeds, feed.FileName))));
        }

        var everyCategory = _truth.Feeds.Where(f => f.Register == "diagnosis").SelectMany(f => f.Rows).Select(r => r.Code![..3]).Distinct().ToList();
        var specification = new StudySpecification
        {
            Cohort = new CohortCriteria { Icd10 = everyCategory },
            Datasets = [new DatasetRequest { Register = "patient_record_text" }],
            Delivery = new DeliveryOptions { FreeText = true },
        };
        var permit = new Permit
        {
            Id = "P-TEXT",
            StudyId = Study,
            Registers = ["diagnosis", "patient_record_text"],
            Expires = new DateOnly(2099, 1, 1),
            Members = ["anna"],
            RecordedAt = DateTimeOffset.UtcNow,
            AllowsFreeText = true,
        };
        _manifest = ExtractionRunner.Over(layout, RegisterCatalog.Shipped, new DeliveryArea(_folder.Path, OperatingSystemAccounts.None), _pseudonymizer, TimeProvider.System).Run(Guid.NewGuid(), permit, "anna", specification);
        _delivered = Delivered(Path.Combine(_folder.File("delivery"), Study, _manifest.RequestId.ToString(), "patient_record_text.parquet"));
    }

    [OneTimeTearDown]
    public void RemoveData() => _folder?.Dispose();

    [Test]
    public void Deliver_Texts_AreExactlyTheCohortsTextsTheGeneratorWrote()
    {
        var cohort = _truth.Feeds.Where(f => f.Register == "diagnosis").SelectMany(f => f.Rows).Where(r => r.ReachesLake).Select(r => r.Hetu).ToHashSet();
        var expected = _sourceTexts.Select(t => t.Row)
            .Where(r => r.ReachesLake && r.DuplicateOf is null && cohort.Contains(r.Hetu))
            // The generator writes the hospital's wall-clock time; a delivery holds its UTC instant.
            .Select(r => (StudyId(r.Hetu), TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(r.EventTime!.Value, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"))))
            .Order()
            .ToList();

        Assert.That(expected, Has.Count.GreaterThan(100));
        Assert.That(_delivered.Select(d => (d.StudyId, d.RecordedAt)).Order(), Is.EqualTo(expected));
    }

    [Test]
    public void Deliver_Texts_HoldNoIdentityCodeOfThePopulationOrOfTheirRelatives()
    {
        var codes = _truth.People.Select(p => p.Hetu).Concat(Found(TextIdentifiers.IdentityCode, IdentityCodeShape())).ToHashSet();

        Assert.That(Leaked(codes), Is.Empty);
        Assert.That(_manifest.Redactions!["identity_codes"], Is.GreaterThanOrEqualTo(Written(TextIdentifiers.IdentityCode)));
    }

    [Test]
    public void Deliver_Texts_HoldNoPhoneNumberEmailOrAddressWrittenIntoThem()
    {
        var phones = Found(TextIdentifiers.Phone, PhoneShape());
        var emails = Found(TextIdentifiers.Email, EmailShape());
        var addresses = Found(TextIdentifiers.Address, AddressShape());

        Assert.That(new[] { phones.Count, emails.Count, addresses.Count }, Is.All.GreaterThan(10), "the population's texts carry each kind");
        Assert.That(Leaked(phones.Concat(emails).Concat(addresses)), Is.Empty);
        Assert.That(_manifest.Redactions!["phone_numbers"], Is.GreaterThanOrEqualTo(Written(TextIdentifiers.Phone)));
        Assert.That(_manifest.Redactions!["email_addresses"], Is.GreaterThanOrEqualTo(Written(TextIdentifiers.Email)));
        Assert.That(_manifest.Redactions!["street_addresses"], Is.GreaterThanOrEqualTo(Written(TextIdentifiers.Address)));
    }

    [Test]
    public void Deliver_Texts_HoldNoNameWrittenIntoThem()
    {
        var names = GeneratorNames("FirstNames").Concat(GeneratorNames("LastNames")).ToList();
        var written = names.Where(n => _sourceTexts.Any(t => t.Row.Identifiers.HasFlag(TextIdentifiers.Name) && t.Text.Contains(n, StringComparison.Ordinal))).ToList();

        Assert.That(written, Has.Count.GreaterThan(10), "the population's texts name relatives and staff");
        Assert.That(Leaked(names), Is.Empty, "neither a first name nor a surname is left");
        Assert.That(_manifest.Redactions!["names"], Is.GreaterThanOrEqualTo(Written(TextIdentifiers.Name)));
    }

    /// <summary>
    /// The generator's own name list. It is internal to the generator, so it is read by reflection:
    /// the list is the ground truth of which names the texts can hold.
    /// </summary>
    private static IEnumerable<string> GeneratorNames(string list) =>
        (IEnumerable<string>)typeof(FeedGenerator).Assembly.GetType("Lake.Synthetic.Care.PersonNames", throwOnError: true)!
            .GetField(list, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The identifiers the pattern finds in the texts the generator says carry that kind, among the delivered patients' texts.</summary>
    private List<string> Found(TextIdentifiers kind, Regex pattern) =>
        _sourceTexts.Where(t => t.Row.ReachesLake && t.Row.Identifiers.HasFlag(kind)).SelectMany(t => pattern.Matches(t.Text)).Select(m => m.Value).Distinct().ToList();

    private long Written(TextIdentifiers kind)
    {
        var delivered = _delivered.Select(d => (d.StudyId, d.RecordedAt)).ToHashSet();
        return _sourceTexts.Count(t => t.Row.ReachesLake && t.Row.DuplicateOf is null && t.Row.Identifiers.HasFlag(kind) && delivered.Contains((StudyId(t.Row.Hetu), t.Row.EventTime!.Value)));
    }

    /// <summary>Identifiers that appear in a delivered text as whole words (the scrubber's marks surround them otherwise).</summary>
    private List<string> Leaked(IEnumerable<string> identifiers)
    {
        var all = string.Join("\n", _delivered.Select(d => d.Text));
        return identifiers.Distinct().Where(i => Regex.IsMatch(all, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(i)}(?![\p{{L}}\p{{N}}])")).ToList();
    }

    private string StudyId(string hetu) => _pseudonymizer.StudyPseudonym(Study, _pseudonymizer.IdentityOf(Hetu.Parse(hetu))).ToString();

    private static IEnumerable<string> TextsOf(SourceDescriptor descriptor, string path)
    {
        using var file = new StreamReader(path, descriptor.Format.ResolveEncoding());
        using var reader = Sep.New(descriptor.Format.DelimiterChar).Reader(o => o with { Unescape = true }).From(file);
        var column = descriptor.Columns["text"].From!;
        return reader.Enumerate(row => row[column].ToString()).ToList();
    }

    private static List<(string, DateTime, string)> Delivered(string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT study_id, recorded_at AT TIME ZONE 'UTC', text FROM read_parquet($1)";
        command.Parameters.Add(new DuckDBParameter(file));
        using var reader = command.ExecuteReader();
        var rows = new List<(string, DateTime, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetString(2)));
        return rows;
    }

    [GeneratedRegex(@"[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]")]
    private static partial Regex IdentityCodeShape();

    [GeneratedRegex(@"\+358 [0-9]{2} [0-9]{7}|(?<![0-9])0[0-9]{1,2}[ -][0-9]{3,7}(?: [0-9]{4})?(?![0-9])")]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"[a-z]+\.[a-z]+@[a-z0-9]+\.[a-z]+")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"\p{Lu}\p{Ll}+ [0-9]+ [A-D] [0-9]+, [0-9]{5} \p{Lu}\p{Ll}+")]
    private static partial Regex AddressShape();
}
