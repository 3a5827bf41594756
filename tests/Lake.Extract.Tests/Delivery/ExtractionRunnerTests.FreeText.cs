using Lake.Contracts.Extraction;
using Lake.Extract.Delivery;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Delivery;

/// <summary>
/// Deliveries with patient record texts (selected by terms and specialties, scrubbed), filtered
/// registers and consented identity codes.
/// </summary>
public sealed partial class ExtractionRunnerTests
{
    private async Task IngestTextsAndLaboratory(FeedIngestor ingestor)
    {
        await ingestor.IngestAsync(TextDescriptor(), FeedWithHeader("texts.csv", "hetu;at;specialty;type;text",
            $"{Anna.Value};2019-05-02T10:00:00;Sisätaudit;record;Kontrollikäynti. Diabetes hyvässä hoitotasapainossa, HbA1c 52. Omainen Matti Virtanen p. 040-1234567.",
            $"{Anna.Value};2019-06-01T09:00:00;Kirurgia;record;Haava siisti. Kotiosoite Hämeentie 5 B 3, 00530 Helsinki. Hetu {Anna.Value}.",
            $"{Ville.Value};2019-07-01T08:00:00;Sisätaudit;record;Insuliinihoito aloitettu 01.07.2019. Tulokset sähköpostiin ville.k@gmail.com.",
            $"{Ville.Value};2019-08-01T08:00:00;Naistentaudit;statement;Äitiysneuvolan lausunto: vointi hyvä.",
            $"{Outsider.Value};2019-01-01T09:00:00;Sisätaudit;record;Astma, diabetes ei tiedossa. Soittopyyntö 050 765 4321."));
        await ingestor.IngestAsync(LabDescriptor(), FeedWithHeader("lab.csv", "hetu,code,value,at",
            $"{Anna.Value},2095,52,2019-05-02T10:00:00",
            $"{Anna.Value},1999,7.5,2019-05-02T10:00:00",
            $"{Ville.Value},2095,71,2019-07-01T08:00:00",
            $"{Ville.Value},2095,44,2019-09-01T08:00:00"));
    }

    [Test]
    public void Run_FreeText_DeliversTheCohortsTextsScrubbedOfEveryIdentifier()
    {
        var manifest = Extract(new DeliveryOptions { FreeText = true }, Texts());

        var texts = Column(manifest, "patient_record_text.parquet", "text");
        Assert.That(texts, Is.EquivalentTo(new[]
        {
            "Kontrollikäynti. Diabetes hyvässä hoitotasapainossa, HbA1c 52. Omainen [NAME] p. [PHONE].",
            "Haava siisti. Kotiosoite [ADDRESS]. Hetu [HETU].",
            "Insuliinihoito aloitettu 01.07.2019. Tulokset sähköpostiin [EMAIL].",
            "Äitiysneuvolan lausunto: vointi hyvä.",
        }), "the outsider's text is not delivered; dates and lab values stay");
        Assert.That(manifest.Redactions, Is.EqualTo(new Dictionary<string, long>
        {
            ["identity_codes"] = 1, ["phone_numbers"] = 1, ["email_addresses"] = 1, ["street_addresses"] = 1, ["names"] = 1,
        }));
    }

    [Test]
    public void Run_FreeTextAndEveryRegister_NoIdentityCodeInAnyFileOfTheLakeTheDeliveryOrTheKeys()
    {
        // The feeds hold codes in their identity column and inside texts; nothing written from them may.
        var manifests = new[]
        {
            Extract(new DeliveryOptions { FreeText = true, Csv = true }, Texts()),
            Extract(new DeliveryOptions { Csv = true, DatePrecision = "shift", ShiftMaxDays = 30 }),
            Extract(new DeliveryOptions { Csv = true }, new DatasetRequest { Register = "laboratory" }),
        };

        var written = new[] { _layout.Root, _folder.File("delivery"), _folder.File("keys") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .ToList();
        var content = string.Concat(written.Select(file => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file))));
        Assert.Multiple(() =>
        {
            Assert.That(manifests.Select(m => m.CohortSize), Is.All.EqualTo(2));
            Assert.That(written.Count(file => file.EndsWith(".parquet", StringComparison.Ordinal)), Is.GreaterThan(3), "lake partitions and delivered files were read");
            foreach (var code in new[] { Anna, Ville, Outsider }.Select(hetu => hetu.Value))
            {
                Assert.That(content, Does.Not.Contain(code));
                Assert.That(content, Does.Not.Contain(code.Replace("-", "", StringComparison.Ordinal)), "nor without its century sign");
            }
        });
    }

    [Test]
    public void Run_FreeText_ReadmeCountsTheMarks()
    {
        var manifest = Extract(new DeliveryOptions { FreeText = true }, Texts(terms: ["diabet"]));

        var readme = File.ReadAllText(Path.Combine(Folder(manifest), "README.md"));
        Assert.That(readme, Does.Contain("## Free text").And.Contain("| [NAME] | 1 |").And.Contain("| [HETU] | 0 |")
            .And.Contain("Rows limited to: texts with a word starting with `diabet`, in any letter case."));
    }

    [TestCase(new[] { "diabet" }, new[] { "Sisätaudit" })] // Diabetes: a word start, in another letter case.
    [TestCase(new[] { "äiti", "HOITOTASA" }, new[] { "Sisätaudit", "Naistentaudit" })] // Ä folds to ä; a whole-word prefix.
    [TestCase(new[] { "insul" }, new[] { "Sisätaudit" })]
    [TestCase(new[] { "uliini" }, new string[0])] // Inside a word, not at its start.
    [TestCase(new[] { "insul.*", "(a|b)" }, new string[0])] // Terms are literal text, never a pattern.
    public void Run_Terms_DeliverOnlyTextsWithAWordStartingWithATerm(string[] terms, string[] specialties)
    {
        var manifest = Extract(new DeliveryOptions { FreeText = true }, Texts(terms: terms));

        Assert.That(Column(manifest, "patient_record_text.parquet", "specialty"), Is.EquivalentTo(specialties));
    }

    [Test]
    public void Run_Specialties_DeliverOnlyTextsOfThoseSpecialtiesInAnyLetterCase()
    {
        var manifest = Extract(new DeliveryOptions { FreeText = true }, Texts(specialties: ["kirurgia", "NAISTENTAUDIT"]));

        Assert.That(Column(manifest, "patient_record_text.parquet", "specialty"), Is.EquivalentTo(new[] { "Kirurgia", "Naistentaudit" }));
    }

    [Test]
    public void Run_Filters_DeliverOnlyRowsMatchingEveryOne()
    {
        var laboratory = new DatasetRequest
        {
            Register = "laboratory",
            Filters = [new DatasetFilter { Column = "test_code", In = ["2095"] }, new DatasetFilter { Column = "result_value", Min = 45, Max = 71 }],
        };

        var manifest = Extract(new DeliveryOptions(), laboratory);

        Assert.That(Column(manifest, "laboratory.parquet", "CAST(result_value AS VARCHAR)"), Is.EquivalentTo(new[] { "52.0", "71.0" }));
        Assert.That(manifest.Redactions, Is.Null, "no free text, nothing scrubbed");
    }

    [Test]
    public void Run_ConsentedIdentityCodes_AreDeliveredBesideTheStudyPseudonymOfTheirPatientOnly()
    {
        var manifest = Extract(new DeliveryOptions { FreeText = true, IdentityCodes = true }, Texts(), consented: [Anna.Value, Outsider.Value]);

        var cohort = Query(manifest, "SELECT CAST(study_id AS VARCHAR), coalesce(identity_code, '') FROM read_parquet($1)", "cohort.parquet");
        Assert.That(cohort, Is.EquivalentTo(new[]
        {
            (StudyPseudonym(Anna), Anna.Value),
            (StudyPseudonym(Ville), ""),
        }), "the outsider consented but is not in the cohort, so the code is not delivered");
        Assert.That(manifest.IdentityCodesReleased, Is.EqualTo(1));
    }

    [Test]
    public void Run_WithoutIdentityCodes_CohortFileHasNoIdentityCodeColumn()
    {
        var manifest = Extract(new DeliveryOptions { FreeText = true }, Texts(), consented: [Anna.Value]);

        Assert.That(Query(manifest, "SELECT string_agg(column_name, ','), '' FROM (DESCRIBE SELECT * FROM read_parquet($1))", "cohort.parquet").Single().Item1,
            Is.EqualTo("study_id,index_time"));
        Assert.That(manifest.IdentityCodesReleased, Is.Null);
    }

    [Test]
    public void Run_IdentityCodesWithoutConsentedCodes_IsRefusedWithWhatToSupply()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Extract(new DeliveryOptions { FreeText = true, IdentityCodes = true }, Texts()));

        Assert.That(error!.Message, Does.Contain("supplied no consented identity codes").And.Contain("cannot derive them from pseudonyms"));
    }

    [TestCase(true, false)]
    [TestCase(false, true)]
    public void Run_FreeTextOrIdentityCodesThePermitNoLongerAllows_DeliversNothing(bool freeText, bool identityCodes)
    {
        var delivery = new DeliveryOptions { FreeText = freeText, IdentityCodes = identityCodes };

        var error = Assert.Throws<InvalidOperationException>(() => Extract(delivery, freeText ? Texts() : null, consented: [Anna.Value], permitAllowsAll: false));

        Assert.That(error!.Message, Does.Contain("does not allow the free text or identity codes"));
        Assert.That(Directory.Exists(Path.Combine(_folder.File("delivery"), "S1")), Is.False);
    }

    [Test]
    public void Run_InvalidConsentedCode_IsRefusedByPositionWithoutEchoingIt()
    {
        const string Mistyped = "020460-202X";

        var error = Assert.Throws<ArgumentException>(() => Extract(new DeliveryOptions { FreeText = true, IdentityCodes = true }, Texts(), consented: [Anna.Value, Mistyped]));

        Assert.That(error!.Message, Does.Contain("Consented identity code number 2 is not valid").And.Not.Contain(Mistyped));
    }

    [Test]
    public async Task Run_SpecialtyMatchingOnlyTheCopyNotDelivered_SelectsNothingOfThatEvent()
    {
        // Apotti, the successor, sent Anna's first text too, entered under another specialty: its copy is the one delivered.
        await new FeedIngestor(_layout, _pseudonymizer, _keys, TimeProvider.System).IngestAsync(TextDescriptor("Apotti", new YearRange { From = 2018 }), FeedWithHeader("apotti-texts.csv", "hetu;at;specialty;type;text",
            $"{Anna.Value};2019-05-02T10:00:00;Kardiologia;record;Kontrollikäynti kardiologialla."));

        var manifest = Extract(new DeliveryOptions { FreeText = true }, Texts(specialties: ["Sisätaudit"]));

        Assert.That(Column(manifest, "patient_record_text.parquet", "text"), Is.EquivalentTo(new[]
        {
            "Insuliinihoito aloitettu 01.07.2019. Tulokset sähköpostiin [EMAIL].",
        }), "Anna's event is Kardiologia as delivered; Uranus's Sisätaudit copy does not bring it in");
    }

    private static DatasetRequest Texts(string[]? terms = null, string[]? specialties = null) =>
        new() { Register = "patient_record_text", Terms = terms ?? [], Specialties = specialties ?? [] };

    private static SourceDescriptor TextDescriptor(string system = "Uranus", YearRange? years = null) => new()
    {
        System = system,
        Register = "patient_record_text",
        Years = years ?? new YearRange { From = 2002, To = 2020 },
        Format = new FeedFormat { Delimiter = ";" },
        Identity = "hetu",
        Columns = new Dictionary<string, ColumnMapping>
        {
            ["recorded_at"] = new() { From = "at", Format = "yyyy-MM-ddTHH:mm:ss" },
            ["specialty"] = new() { From = "specialty" },
            ["text_type"] = new() { From = "type" },
            ["text"] = new() { From = "text" },
        },
    };

    private static SourceDescriptor LabDescriptor() => new()
    {
        System = "Multilab",
        Register = "laboratory",
        Years = new YearRange { From = 2000 },
        Identity = "hetu",
        Columns = new Dictionary<string, ColumnMapping>
        {
            ["sample_time"] = new() { From = "at", Format = "yyyy-MM-ddTHH:mm:ss" },
            ["test_code"] = new() { From = "code" },
            ["result_value"] = new() { From = "value" },
        },
    };

    private string StudyPseudonym(Hetu hetu) => _pseudonymizer.StudyPseudonym("S1", _pseudonymizer.IdentityOf(hetu)).ToString();

    private string Folder(DeliveryManifest manifest) => Path.Combine(_folder.File("delivery"), "S1", manifest.RequestId.ToString());

    private List<string> Column(DeliveryManifest manifest, string file, string column) =>
        Query(manifest, $"SELECT {column}, '' FROM read_parquet($1)", file).Select(r => r.Item1).ToList();
}
