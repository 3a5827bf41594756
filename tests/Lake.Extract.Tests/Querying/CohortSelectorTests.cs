using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;
using Lake.Extract.Specifications;
using Lake.Pseudonymization;

namespace Lake.Extract.Tests.Querying;

/// <summary>
/// Each kind of criterion, and their combinations, over a small lake whose answers are known:
/// five patients, each with a few events in several registers.
/// </summary>
public sealed partial class CohortSelectorTests
{
    private static readonly Hetu Anna = Hetu.Create(new DateOnly(1960, 4, 2), 202);
    private static readonly Hetu Ville = Hetu.Create(new DateOnly(1975, 8, 9), 303);
    private static readonly Hetu Kaisa = Hetu.Create(new DateOnly(1990, 1, 1), 404);
    private static readonly Hetu Olli = Hetu.Create(new DateOnly(1950, 1, 1), 505);
    private static readonly Hetu Eeva = Hetu.Create(new DateOnly(2000, 5, 5), 606);

    private CohortLake _lake = null!;
    private Dictionary<LakeIdentity, string> _names = null!;

    [OneTimeSetUp]
    public async Task BuildLake()
    {
        _lake = new CohortLake();
        _names = new() { [Id(Anna)] = "Anna", [Id(Ville)] = "Ville", [Id(Kaisa)] = "Kaisa", [Id(Olli)] = "Olli", [Id(Eeva)] = "Eeva" };

        await _lake.IngestAsync(RegisterNames.Diagnosis, ["code", "recorded_at", "specialty"],
            $"{Anna.Value},E11.9,2021-01-10T10:00:00,Sisätaudit",
            $"{Ville.Value},E11.0,2021-06-01T10:00:00,Yleislääketiede",
            $"{Kaisa.Value},E10.1,2020-01-01T10:00:00,Sisätaudit",
            $"{Olli.Value},J45,2021-01-01T10:00:00,Keuhkosairaudet");
        await _lake.IngestAsync(RegisterNames.Laboratory, ["sample_time", "test_code", "result_value"],
            $"{Anna.Value},2021-02-01T08:00:00,2095,60",
            $"{Ville.Value},2021-06-10T08:00:00,2095,45",
            $"{Kaisa.Value},2018-01-01T08:00:00,2095,70",
            $"{Eeva.Value},2021-01-01T08:00:00,2095,80",
            $"{Olli.Value},2021-01-01T08:00:00,4567,99");
        await _lake.IngestAsync(RegisterNames.Medication, ["event_time", "entry_type", "atc_code"],
            $"{Anna.Value},2021-01-20T09:00:00,prescription,A10BA02",
            $"{Kaisa.Value},2020-02-01T09:00:00,prescription,A10AB01");
        await _lake.IngestAsync(RegisterNames.Procedure, ["procedure_time", "procedure_code"],
            $"{Ville.Value},2022-01-01T12:00:00,JJ1LE");
        await _lake.IngestAsync(RegisterNames.Visit, ["visit_time", "specialty"],
            $"{Anna.Value},2021-03-01T13:00:00,Kardiologia",
            $"{Olli.Value},2021-02-02T13:00:00,Keuhkosairaudet");
        await _lake.IngestAsync("qr_diabetes", ["enrolled", "event_time", "variable"],
            $"{Anna.Value},2021-05-01,2021-05-01T10:00:00,hba1c_target",
            $"{Eeva.Value},2019-01-01,2019-01-01T10:00:00,hba1c_target");
        await _lake.IngestAsync(RegisterNames.PatientBackground, [],
            [.. new[] { Anna, Ville, Kaisa, Olli, Eeva }.Select(h => h.Value)]);
    }

    [OneTimeTearDown]
    public void RemoveLake() => _lake.Dispose();

    [TestCase("icd10: [E11]", "Anna Ville", TestName = "Select_Icd10Shorthand_FindsPatientsWithTheDiagnosis")]
    [TestCase("include: { diagnosis: { icd10: [E11] } }", "Anna Ville", TestName = "Select_Diagnosis_MatchesByPrefix")]
    [TestCase("include: { diagnosis: { icd10: [e1], specialty: [sisätaudit] } }", "Anna Kaisa", TestName = "Select_DiagnosisWithSpecialty_MatchesSpecialtyWithoutRegardToCase")]
    [TestCase("include: { procedure: { codes: [jj1] } }", "Ville", TestName = "Select_Procedure_MatchesByPrefix")]
    [TestCase("include: { medication: { atc: [A10B] } }", "Anna", TestName = "Select_Medication_MatchesAtcPrefix")]
    [TestCase("include: { medication: { atc: [A10] } }", "Anna Kaisa", TestName = "Select_Medication_MatchesAtcGroup")]
    [TestCase("include: { laboratory: { test_codes: ['2095'], min: 60 } }", "Anna Eeva Kaisa", TestName = "Select_LaboratoryMin_IsInclusive")]
    [TestCase("include: { laboratory: { test_codes: ['2095'], min: 50, max: 75 } }", "Anna Kaisa", TestName = "Select_LaboratoryRange_KeepsResultsWithin")]
    [TestCase("include: { laboratory: { test_codes: ['2095'], max: 60 } }", "Anna Ville", TestName = "Select_LaboratoryMax_IsInclusive")]
    [TestCase("include: { laboratory: { test_codes: ['2095'], min: 50, from: 2020-01-01 } }", "Anna Eeva", TestName = "Select_LaboratoryWithWindow_KeepsEventsInTheWindow")]
    [TestCase("include: { quality_registry: { registers: [qr_diabetes] } }", "Anna Eeva", TestName = "Select_QualityRegistry_FindsMembers")]
    [TestCase("include: { quality_registry: { registers: [qr_diabetes], from: 2020-01-01 } }", "Anna", TestName = "Select_QualityRegistryWithWindow_DatesMembershipByEnrolment")]
    [TestCase("include: { quality_registry: { registers: [qr_asthma] } }", "", TestName = "Select_QualityRegistryWithoutData_FindsNobody")]
    [TestCase("include: { visit: { specialty: [KARDIOLOGIA] } }", "Anna", TestName = "Select_VisitSpecialty_Matches")]
    [TestCase("include: { visit: {} }", "Anna Olli", TestName = "Select_VisitWithoutSpecialty_FindsEveryoneWithAVisit")]
    [TestCase("include: { any: [ { diagnosis: { icd10: [E10] } }, { laboratory: { test_codes: ['2095'], min: 75 } } ] }", "Eeva Kaisa", TestName = "Select_Any_IsTheUnion")]
    [TestCase("include: { all: [ { diagnosis: { icd10: [E1] } }, { laboratory: { test_codes: ['2095'], min: 50 } } ] }", "Anna Kaisa", TestName = "Select_All_IsTheIntersection")]
    [TestCase("include: { all: [ { diagnosis: { icd10: [E1] } }, { not: { medication: { atc: [A10B] } } } ] }", "Kaisa Ville", TestName = "Select_AllWithNot_RemovesThePatientsOfTheNegatedPart")]
    [TestCase("include: { diagnosis: { icd10: [E1] } }\n  exclude: { procedure: { codes: [JJ] } }", "Anna Kaisa", TestName = "Select_Exclude_LeavesOutItsPatients")]
    [TestCase("include: { laboratory: { test_codes: ['2095'], min: 50 } }\n  from: 2021-01-01\n  to: 2021-12-31", "Anna Eeva", TestName = "Select_OverallPeriod_BoundsEveryCriterion")]
    [TestCase("include: { diagnosis: { icd10: [E1] } }\n  sex: female", "Anna Kaisa", TestName = "Select_Sex_FiltersByBackground")]
    [TestCase("include: { diagnosis: { icd10: [E1] } }\n  min_age: 50", "Anna", TestName = "Select_MinAge_IsAgeAtTheIndexDate")]
    public void Select_Criterion_FindsTheKnownPatients(string cohort, string expected)
    {
        Assert.That(Names(Select(cohort)), Is.EqualTo(expected));
    }

    [Test]
    public void Select_CodeListsLongerThanTheParameterLimit_MatchThroughTempTables()
    {
        var filler = Enumerable.Range(0, CriterionCompiler.MaxParameterCodes).ToList();
        var icd10 = string.Join(", ", filler.Select(i => $"Z{i:00}.1").Append("E11"));
        var tests = string.Join(", ", filler.Select(i => $"'9{i:000}'").Append("'2095'"));
        var specialties = string.Join(", ", filler.Select(i => $"Erikoisala {i}").Append("kardiologia"));

        var members = Select($"include: {{ any: [ {{ diagnosis: {{ icd10: [{icd10}] }} }}, {{ laboratory: {{ test_codes: [{tests}], min: 75 }} }}, {{ visit: {{ specialty: [{specialties}] }} }} ] }}");

        Assert.That(Names(members), Is.EqualTo("Anna Eeva Ville"));
    }

    [Test]
    public void Select_IndexMarked_IndexDateIsTheFirstEventOfThatCriterion()
    {
        var members = Select("include: { all: [ { medication: { atc: [A10] } }, { diagnosis: { icd10: [E1], index: true } } ] }");

        Assert.That(members.ToDictionary(m => _names[m.Identity], m => m.IndexTime), Is.EqualTo(new Dictionary<string, DateTime>
        {
            ["Anna"] = new(2021, 1, 10, 10, 0, 0),
            ["Kaisa"] = new(2020, 1, 1, 10, 0, 0),
        }));
    }

    [Test]
    public void Select_NoIndexMarked_IndexDateIsTheFirstMatchingEventOfTheInclusion()
    {
        // Anna's lab result (February) comes after her diagnosis; Eeva has only the lab result.
        var members = Select("include: { any: [ { diagnosis: { icd10: [E11] } }, { laboratory: { test_codes: ['2095'], min: 75 } } ] }");

        Assert.That(members.ToDictionary(m => _names[m.Identity], m => m.IndexTime), Is.EqualTo(new Dictionary<string, DateTime>
        {
            ["Anna"] = new(2021, 1, 10, 10, 0, 0),
            ["Ville"] = new(2021, 6, 1, 10, 0, 0),
            ["Eeva"] = new(2021, 1, 1, 8, 0, 0),
        }));
    }

    private IReadOnlyList<CohortMember> Select(string cohort)
    {
        var specification = SpecificationReader.Parse($"cohort:\n  {cohort}\n", "test", _lake.KeyRing);
        using var session = _lake.Open();
        return new CohortSelector(session, _lake.Pseudonymizer).Select(specification.Cohort);
    }

    private string Names(IEnumerable<CohortMember> members) => string.Join(' ', members.Select(m => _names[m.Identity]).Order(StringComparer.Ordinal));

    private LakeIdentity Id(Hetu hetu) => _lake.Pseudonymizer.IdentityOf(hetu);
}
