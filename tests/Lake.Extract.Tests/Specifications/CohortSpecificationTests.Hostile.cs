using System.Text;
using Lake.Contracts.Extraction;
using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

/// <summary>Specifications written to break the reader or the queries: each is refused before anything runs, with a precise reason.</summary>
public sealed partial class CohortSpecificationTests
{
    [TestCase("diagnosis: { icd10: [\"E11'; DROP TABLE diagnosis; --\"] }", "cohort.include.diagnosis.icd10[0]: 'E11'; DROP TABLE diagnosis; --' is not an ICD-10 code or prefix")]
    [TestCase("procedure: { codes: [\"JJ' OR 1=1\"] }", "cohort.include.procedure.codes[0]: 'JJ' OR 1=1' is not a NOMESCO procedure code")]
    [TestCase("medication: { atc: [\"A10')) UNION SELECT * FROM read_csv('/etc/passwd\"] }", "cohort.include.medication.atc[0]: 'A10')) UNION SELECT * FROM read_csv('/et…' is not an ATC code")]
    [TestCase("laboratory: { test_codes: [\"2095' OR '1'='1\"] }", "cohort.include.laboratory.test_codes[0]: '2095' OR '1'='1' is not a laboratory examination number")]
    [TestCase("visit: { specialty: [\"x'); COPY diagnosis TO '/tmp/out.csv'; --\"] }", "cohort.include.visit.specialty[0]: 'x'); COPY diagnosis TO '/tmp/out.csv'; -…' is not a specialty name")]
    [TestCase("quality_registry: { registers: [\"qr_diabetes\\\"; DROP VIEW diagnosis; --\"] }", "cohort.include.quality_registry.registers[0]: 'qr_diabetes\"; DROP VIEW diagnosis; --' is not a quality registry")]
    public void Parse_SqlInjectionInACode_IsRefusedAsMalformed(string criterion, string expected)
    {
        Assert.That(() => Cohort($"include: {{ {criterion} }}"), Throws.TypeOf<SpecificationException>().With.Message.Contains(expected));
    }

    [Test]
    public void Parse_HundredThousandCodes_IsRefusedBeforeParsingForItsSize()
    {
        var codes = string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"'{i}'"));

        Assert.That(() => Cohort($"include: {{ laboratory: {{ test_codes: [{codes}] }} }}"),
            Throws.TypeOf<SpecificationException>().With.Message.EqualTo("spec.yaml is larger than 256 KiB; split the request or list codes by prefix."));
    }

    [Test]
    public void Validate_HundredThousandCodes_SaysAtMost500()
    {
        var specification = new StudySpecification
        {
            Cohort = new CohortCriteria { Include = new CohortCriterion { Laboratory = new LaboratoryCriterion { TestCodes = [.. Enumerable.Range(0, 100_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))] } } },
        };

        Assert.That(SpecificationValidator.Validate(specification), Is.EqualTo(new[] { "cohort.include.laboratory.test_codes: 100000 codes; at most 500 (ask for the examinations the study needs)." }));
    }

    [Test]
    public void Parse_TooManyIdentityCodes_SaysAtMostTenThousand()
    {
        var codes = string.Join(",", Enumerable.Repeat(Anna.Value, SpecificationValidator.MaxIdentityCodes + 1));

        Assert.That(() => Cohort($"include: {{ all: [ {{ identity_codes: [{codes}] }}, {{ visit: {{}} }} ] }}"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("cohort.include.all[0].identity_codes: 10001 identity codes; at most 10000."));
    }

    [Test]
    public void Parse_DepthBomb_IsRefusedBeforeDeserializing()
    {
        // Ten thousand nested 'not's would overflow a recursive deserializer's stack, which no catch survives.
        var bomb = new StringBuilder("cohort:\n  include: ");
        for (var i = 0; i < 10_000; i++)
            bomb.Append("{ not: ");
        bomb.Append("{ visit: {} }").Append(new string('}', 10_000)).Append('\n');

        Assert.That(() => SpecificationReader.Parse(bomb.ToString(), "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.StartsWith("spec.yaml, line 2,").And.Message.Contains($"nested more than {SpecificationReader.MaxNesting} levels deep"));
    }

    [Test]
    public void Parse_TreeDeeperThanTheLimit_NamesTheFieldThatIsTooDeep()
    {
        var deep = "{ visit: {} }";
        for (var i = 0; i < SpecificationValidator.MaxDepth; i++)
            deep = $"{{ all: [ {{ visit: {{}} }}, {deep} ] }}";

        Assert.That(() => Cohort($"include: {deep}"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains($"cohort.include{string.Concat(Enumerable.Repeat(".all[1]", SpecificationValidator.MaxDepth))}: criteria nest more than 8 levels deep"));
    }

    [Test]
    public void Parse_Aliases_AreRefused()
    {
        var yaml = "cohort:\n  include:\n    all:\n      - &x { visit: {} }\n      - *x\n";

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("anchors and aliases (& and *) are not accepted"));
    }

    [Test]
    public void Parse_UnknownSettingInACriterion_NamesItAndTheAllowedOnes()
    {
        Assert.That(() => Cohort("include: { laboratory: { test_codes: ['2095'], unit: mmol/l } }"),
            Throws.TypeOf<SpecificationException>().With.Message.StartsWith("spec.yaml, line 2,")
                .And.Message.Contains("'unit' is not a setting here; the settings here are test_codes, min, max, from, to, within_days_before_index, within_days_after_index, index."));
    }

    [Test]
    public void Parse_UnknownRegisterAsCriterion_NamesTheCriteriaThereAre()
    {
        Assert.That(() => Cohort("include: { imaging: { codes: [CT] } }"),
            Throws.TypeOf<SpecificationException>().With.Message.Contains("'imaging' is not a setting here; the settings here are all, any, not, diagnosis, procedure, medication, laboratory, measurement, quality_registry, visit, identity_codes."));
    }

    [TestCase("from: 1800-01-01", "cohort.include.visit.from: 1800-01-01 is outside 1900-2100.")]
    [TestCase("to: 2999-12-31", "cohort.include.visit.to: 2999-12-31 is outside 1900-2100.")]
    [TestCase("from: 2024-01-01, to: 2020-01-01", "cohort.include.visit: from 2024-01-01 is after to 2020-01-01.")]
    [TestCase("from: 9999-99-99", "'9999-99-99' is not a date; write dates as yyyy-MM-dd")]
    [TestCase("within_days_after_index: 1000000", "cohort.include.all[1].visit.within_days_after_index: 1000000 days; from 0 to 36525 (100 years).")]
    [TestCase("within_days_before_index: -5", "cohort.include.all[1].visit.within_days_before_index: -5 days; from 0 to 36525")]
    [TestCase("within_days_before_index: 99999999999", "line 2,")]
    public void Parse_AbsurdWindow_IsRefused(string window, string expected)
    {
        var criterion = window.StartsWith("within", StringComparison.Ordinal)
            ? $"{{ all: [ {{ diagnosis: {{ icd10: [E11], index: true }} }}, {{ visit: {{ {window} }} }} ] }}"
            : $"{{ visit: {{ {window} }} }}";

        Assert.That(() => Cohort($"include: {criterion}"), Throws.TypeOf<SpecificationException>().With.Message.Contains(expected));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Validate_NonFiniteLaboratoryBound_IsRefused(double bound)
    {
        var specification = new StudySpecification
        {
            Cohort = new CohortCriteria { Include = new CohortCriterion { Laboratory = new LaboratoryCriterion { TestCodes = ["2095"], Min = bound } } },
        };

        Assert.That(SpecificationValidator.Validate(specification), Has.Member("cohort.include.laboratory.min: must be a finite number."));
    }

    [Test]
    public void Parse_IdentityCodeInTitleOrInACodeList_IsRefusedWithoutEchoingTheCode()
    {
        var yaml = $"title: Patient {Anna.Value}\ncohort:\n  include: {{ diagnosis: {{ icd10: ['{Ville.Value}'] }} }}\n";

        Assert.That(() => SpecificationReader.Parse(yaml, "spec.yaml"), Throws.TypeOf<SpecificationException>()
            .With.Message.Contains("title: contains an identity code")
            .And.Message.Contains("cohort.include.diagnosis.icd10[0]: '[identity code]' is not an ICD-10 code")
            .And.Message.Not.Contain(Anna.Value).And.Message.Not.Contain(Ville.Value));
    }
}
