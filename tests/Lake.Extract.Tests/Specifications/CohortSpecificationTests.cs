using Lake.Contracts.Extraction;
using Lake.Extract.Specifications;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Specifications;

/// <summary>Reading and checking cohort criterion trees: what is read, and each refusal with the field it names.</summary>
public sealed partial class CohortSpecificationTests
{
    private static readonly Hetu Anna = Hetu.Create(new DateOnly(1960, 4, 2), 202);
    private static readonly Hetu Ville = Hetu.Create(new DateOnly(1975, 8, 9), 303);

    private TempDirectory _folder = null!;
    private KeyRing _keyRing = null!;

    [SetUp]
    public void CreateKeyRing()
    {
        _folder = new TempDirectory("lake-extract-tests");
        _keyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
    }

    [TearDown]
    public void DeleteKeyRing() => _folder.Dispose();

    [Test]
    public void Parse_EveryCriterionKind_IsReadIntoTheTree()
    {
        var cohort = Cohort("""
            include:
                all:
                  - diagnosis: { icd10: [E11], specialty: [Sisätaudit], index: true, from: 2020-01-01 }
                  - any:
                      - procedure: { codes: [JJ1] }
                      - medication: { atc: [A10BA02], within_days_after_index: 365 }
                      - laboratory: { test_codes: ['2095'], min: 53, max: 200, within_days_before_index: 30 }
                      - quality_registry: { registers: [qr_diabetes] }
                      - visit: { specialty: [Kardiologia], to: 2024-12-31 }
                  - not: { diagnosis: { icd10: [E10] } }
            exclude: { visit: { specialty: [Psykiatria] } }
            """);

        var all = cohort.Include!.All!;
        var any = all[1].Any!;
        Assert.Multiple(() =>
        {
            Assert.That(all[0].Diagnosis, Is.EqualTo(new DiagnosisCriterion { Icd10 = all[0].Diagnosis!.Icd10, Specialty = all[0].Diagnosis!.Specialty, Index = true, Window = new EventWindow { From = new DateOnly(2020, 1, 1) } }));
            Assert.That(all[0].Diagnosis!.Icd10, Is.EqualTo(new[] { "E11" }));
            Assert.That(any[0].Procedure!.Codes, Is.EqualTo(new[] { "JJ1" }));
            Assert.That(any[1].Medication!.Window.WithinDaysAfterIndex, Is.EqualTo(365));
            Assert.That((any[2].Laboratory!.TestCodes, any[2].Laboratory!.Min, any[2].Laboratory!.Max, any[2].Laboratory!.Window.WithinDaysBeforeIndex), Is.EqualTo((new[] { "2095" }, 53.0, 200.0, 30)));
            Assert.That(any[3].QualityRegistry!.Registers, Is.EqualTo(new[] { "qr_diabetes" }));
            Assert.That(any[4].Visit!.Window.To, Is.EqualTo(new DateOnly(2024, 12, 31)));
            Assert.That(all[2].Not!.Diagnosis!.Icd10, Is.EqualTo(new[] { "E10" }));
            Assert.That(cohort.Exclude!.Visit!.Specialty, Is.EqualTo(new[] { "Psykiatria" }));
        });
    }

    [Test]
    public void Load_ExampleTreeStudy_Parses()
    {
        var specification = SpecificationReader.Load(Path.Combine(RepositoryFolders.Examples, "heart-failure-study.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(specification.Cohort.Include!.All, Has.Count.EqualTo(3));
            Assert.That(specification.Cohort.Exclude, Is.Not.Null);
        });
    }

    [Test]
    public void Parse_Json_ReadsTheSameTree()
    {
        var json = """
            { "cohort": { "include": { "all": [
                { "laboratory": { "test_codes": ["2095"], "min": 53.5, "index": true } },
                { "not": { "quality_registry": { "registers": ["qr_diabetes"] } } } ] } } }
            """;

        var all = SpecificationReader.Parse(json, "spec.json").Cohort.Include!.All!;

        Assert.Multiple(() =>
        {
            Assert.That(all[0].Laboratory!.Min, Is.EqualTo(53.5));
            Assert.That(all[0].Laboratory!.Index, Is.True);
            Assert.That(all[1].Not!.QualityRegistry!.Registers, Is.EqualTo(new[] { "qr_diabetes" }));
        });
    }

    [TestCase("README.md")]
    [TestCase("docs/cohort-criteria.md")]
    public void Parse_DocumentedExamples_AreValid(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFolders.Root, document));
        var examples = text.Split("```yaml\n").Skip(1).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)]).Where(y => y.Contains("cohort:", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(examples, Is.Not.Empty);
            foreach (var example in examples)
                Assert.That(() => SpecificationReader.Parse(example, document, _keyRing), Throws.Nothing, example);
        });
    }

    [Test]
    public void Parse_IdentityCodes_AreStoredAsTokensThatRevealTheListedPatientsOnly()
    {
        var cohort = Cohort($"include: {{ all: [ {{ identity_codes: ['{Anna.Value}', '{Ville.Value}', '{Anna.Value}'] }}, {{ visit: {{}} }} ] }}");

        var list = cohort.Include!.All![0].IdentityList!;
        var pseudonymizer = new Pseudonymizer(_keyRing);
        var revealed = list.Tokens.Select(t => pseudonymizer.RevealIdentity(IdentityListCriterion.Purpose, list.KeyId, t)).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(list.ListedCount, Is.EqualTo(3));
            Assert.That(list.Tokens, Has.Count.EqualTo(2), "duplicates are one patient");
            Assert.That(revealed, Is.EquivalentTo(new[] { pseudonymizer.IdentityOf(Anna), pseudonymizer.IdentityOf(Ville) }));
            Assert.That(System.Text.Json.JsonSerializer.Serialize(cohort), Does.Not.Contain(Anna.Value).And.Not.Contain(Ville.Value));
        });
    }

    [Test]
    public void Parse_IdentityCodeWithWrongCheckCharacter_NamesItsPlaceButNotTheCode()
    {
        var wrong = Anna.Value[..10] + (Anna.Value[10] == 'A' ? 'B' : 'A');

        Assert.That(() => Cohort($"include: {{ all: [ {{ identity_codes: ['{Ville.Value}', '{wrong}'] }}, {{ visit: {{}} }} ] }}"),
            Throws.TypeOf<SpecificationException>()
                .With.Message.Contains("cohort.include.all[0].identity_codes[1]: invalid identity code: check character does not match.")
                .And.Message.Not.Contain(wrong).And.Message.Not.Contain(Ville.Value));
    }

    [Test]
    public void Parse_IdentityCodesWithoutKeyRing_IsRefused()
    {
        Assert.That(() => SpecificationReader.Parse($"cohort:\n  include: {{ all: [ {{ identity_codes: ['{Anna.Value}'] }}, {{ visit: {{}} }} ] }}\n", "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("cohort.include.all[0].identity_codes: identity codes are pseudonymized as the specification is read, and this reader was given no key ring"));
    }

    [Test]
    public void Parse_IdentityCodesAlone_HaveNoIndexDate()
    {
        Assert.That(() => Cohort($"include: {{ identity_codes: ['{Anna.Value}'] }}"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("cohort.include: some patients would match without any dated event"));
    }

    [TestCase("icd10: [E11]\ninclude: { visit: {} }", "cohort: use either icd10")]
    [TestCase("from: 2020-01-01", "cohort.icd10: list at least one ICD-10 code or prefix, e.g. [E11], or give 'include'")]
    [TestCase("include: { diagnosis: { icd10: [E11] }, visit: {} }", "cohort.include: give exactly one of all, any, not, diagnosis, procedure, medication, laboratory, measurement, quality_registry, visit, identity_codes per entry, not diagnosis and visit")]
    [TestCase("include: {}", "cohort.include: empty; give one of all, any")]
    [TestCase("include: { all: [] }", "cohort.include.all: empty; list at least one criterion.")]
    [TestCase("include: { not: { visit: {} } }", "cohort.include.not: 'not' stands only inside an 'all' beside a positive criterion")]
    [TestCase("include: { any: [ { visit: {} }, { not: { visit: {} } } ] }", "cohort.include.any[1].not: 'not' stands only inside an 'all'")]
    [TestCase("include: { all: [ { not: { visit: {} } } ] }", "cohort.include.all: every part is a 'not'")]
    [TestCase("include: { diagnosis: { icd10: [] } }", "cohort.include.diagnosis.icd10: list at least one.")]
    [TestCase("include: { procedure: { codes: [JJ1-LE] } }", "cohort.include.procedure.codes[0]: 'JJ1-LE' is not a NOMESCO procedure code or prefix")]
    [TestCase("include: { medication: { atc: [A1] } }", "cohort.include.medication.atc[0]: 'A1' is not an ATC code or prefix")]
    [TestCase("include: { medication: { atc: [A10BA2] } }", "cohort.include.medication.atc[0]: 'A10BA2' is not an ATC code or prefix")]
    [TestCase("include: { laboratory: { test_codes: ['2095'], min: 10, max: 5 } }", "cohort.include.laboratory.min: 10 is above max 5; no result could match.")]
    [TestCase("include: { any: [ { visit: {} }, { visit: {} }, { laboratory: { test_codes: ['2095'], min: 9, max: 1 } } ] }", "cohort.include.any[2].laboratory.min: 9 is above max 1")]
    [TestCase("include: { quality_registry: { registers: [qr_nope] } }", "cohort.include.quality_registry.registers[0]: 'qr_nope' is not a quality registry of the catalog")]
    [TestCase("include: { quality_registry: { registers: [diagnosis] } }", "cohort.include.quality_registry.registers[0]: 'diagnosis' is not a quality registry of the catalog")]
    [TestCase("include: { visit: { specialty: [''] } }", "cohort.include.visit.specialty[0]: '' is not a specialty name")]
    [TestCase("include: { any: [ { visit: { index: true } }, { diagnosis: { icd10: [E11] } } ] }", "cohort.include.any[0].visit.index: only a criterion every cohort member meets can give the index date")]
    [TestCase("include: { visit: {} }\nexclude: { diagnosis: { icd10: [E11], index: true } }", "cohort.exclude.diagnosis.index: only a criterion every cohort member meets")]
    [TestCase("include: { all: [ { visit: { index: true } }, { diagnosis: { icd10: [E11], index: true } } ] }", "cohort: cohort.include.all[0].visit and cohort.include.all[1].diagnosis are both marked index")]
    [TestCase("include: { all: [ { visit: {} }, { diagnosis: { icd10: [E11], within_days_after_index: 30 } } ] }", "cohort.include.all[1].diagnosis: a window relative to the index date needs one criterion marked 'index: true'")]
    [TestCase("include: { visit: { index: true, within_days_after_index: 30 } }", "cohort.include.visit.index: the index criterion cannot have a window relative to the index date it defines.")]
    [TestCase("include: { all: [ { visit: { index: true } }, { not: { not: { visit: {} } } } ] }", "cohort.include.all[1].not: a 'not' of a 'not'; write the criterion itself.")]
    public void Parse_InvalidCohort_NamesTheFieldAndTheFix(string cohort, string expected)
    {
        Assert.That(() => Cohort(cohort), Throws.TypeOf<SpecificationException>().With.Message.Contains(expected));
    }

    private CohortCriteria Cohort(string cohort) =>
        SpecificationReader.Parse($"cohort:\n  {cohort.Replace("\n", "\n  ", StringComparison.Ordinal)}\n", "spec.yaml", _keyRing).Cohort;
}
