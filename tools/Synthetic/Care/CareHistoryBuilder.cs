using Lake.Pseudonymization;

namespace Lake.Synthetic.Care;

/// <summary>
/// Draws each person's care from 1987 to 2025 and records it in the systems in use at the time: Uranus
/// encounters until 2020, the visits of the Apotti diagnosis feed from 2020, childbirths, and what
/// each brings on (admission, operation, imaging, ambulance, intensive care, ECG, medicines, texts).
/// The Apotti diagnoses and Multilab results are given: the history is built around them.
/// </summary>
internal sealed partial class CareHistoryBuilder(Random random)
{
    /// <summary>Every intensive care system gets at least this many stays, so each of its feeds has rows.</summary>
    public const int MinimumIcuStays = 2;

    private static readonly DateOnly ConditionReferenceDay = new(2023, 1, 1);

    private readonly RecordTextComposer _texts = new(random);
    private readonly CareRecords _records = new();
    private int _sampleNumber;
    private int _examNumber;

    public CareRecords Build(IReadOnlyList<PersonProfile> people, IReadOnlyList<DiagnosisEvent> apottiDiagnoses)
    {
        var next = 0;
        for (var i = 0; i < people.Count; i++)
        {
            // Diagnoses are in person order, so each person's rows are the next run of the list.
            var first = next;
            while (next < apottiDiagnoses.Count && apottiDiagnoses[next].PersonIndex == i)
                next++;

            var person = new PersonCare(i, people[i]);
            _records.People.Add(person);
            Build(person, apottiDiagnoses, first, next);
        }

        EnsureIcuStays();
        EnsureChemotherapy();
        EnsureSexualAssaultTexts(_records.UranusTexts);
        EnsureSexualAssaultTexts(_records.ApottiNotes);
        _records.Sort();
        return _records;
    }

    private void Build(PersonCare person, IReadOnlyList<DiagnosisEvent> apottiDiagnoses, int first, int end)
    {
        DrawOnsets(person, apottiDiagnoses, first, end);
        DrawLevels(person);

        var encounters = new List<Encounter>();
        DrawUranusEncounters(person, encounters);
        AddOnsetEncounters(person, encounters);
        DrawBirths(person, encounters);
        AddApottiEncounters(person, apottiDiagnoses, first, end, encounters);
        encounters.Sort((a, b) => a.Time.CompareTo(b.Time));
        foreach (var encounter in encounters)
            Project(person, encounter);

        PrescribeAtOnsets(person);
        AddChemotherapy(person);
        AddRoutinePathology(person);
        AddRoutineImaging(person);
        AddApottiPatient(person);
    }

    /// <summary>
    /// Chronic conditions begin some years before they first show in Apotti (cancers more recently),
    /// never before childhood or adulthood as the condition has it; diabetes begins at its first Apotti row.
    /// </summary>
    private void DrawOnsets(PersonCare person, IReadOnlyList<DiagnosisEvent> apottiDiagnoses, int first, int end)
    {
        var profile = person.Profile;
        foreach (var code in profile.Chronic)
        {
            DateTime? firstApotti = null;
            for (var d = first; d < end && firstApotti is null; d++)
            {
                if (apottiDiagnoses[d].Code == code)
                    firstApotti = apottiDiagnoses[d].Time;
            }

            var upper = firstApotti?.Date.AddDays(-1) ?? Min(profile.LastEventDay, ConditionReferenceDay).ToDateTime(TimeOnly.MinValue);
            var youngest = Math.Max(code.MinAge, code.ChildPrevalence > 0 ? 1 : 18);
            var lower = profile.BirthDate.AddYears(youngest).ToDateTime(TimeOnly.MinValue);
            if (lower < profile.FirstEventDay.ToDateTime(TimeOnly.MinValue))
                lower = profile.FirstEventDay.ToDateTime(TimeOnly.MinValue);

            var meanYears = PathologySpecimens.IsCancer(code.Code) ? 2.5 : 8;
            var onset = upper.AddDays(-Math.Round(-meanYears * 365.25 * Math.Log(1 - random.NextDouble())));
            person.Onsets[code] = onset < lower ? (lower < upper ? lower : upper) : onset;
        }

        if (profile.Diabetes is { } diabetes && profile.FirstDiabetesDiagnosis is { } diagnosed)
            person.Onsets[diabetes] = diagnosed;

        foreach (var (code, onset) in person.Onsets.OrderBy(o => o.Value))
        {
            person.Diagnosed.Add((code, onset));
            if (DrugCatalog.ChooseFor(code, random) is { } drug)
                person.Treatments[code] = drug;
        }
    }

    /// <summary>Personal blood pressure, pulse and body size that the measurements vary around.</summary>
    private void DrawLevels(PersonCare person)
    {
        var profile = person.Profile;
        var hypertensive = profile.Chronic.Exists(c => c.Code == "I10");
        var male = profile.Sex == Sex.Male;
        person.Systolic = random.Normal(hypertensive ? 146 : 124, 9);
        person.Diastolic = random.Normal(hypertensive ? 88 : 77, 6);
        person.Pulse = random.Normal(70, 7);
        person.HeightCm = profile.HeightCm is { } height && profile.AgeAt(profile.Updated) >= 18 ? height : Math.Clamp(random.Normal(male ? 179 : 165.5, 6.5), 150, 205);
        person.WeightKg = profile.WeightKg is { } weight && profile.AgeAt(profile.Updated) >= 18 ? weight : Math.Clamp(random.Normal(male ? 84 : 71, 13), 45, 160);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private DateTime OfficeHours(DateOnly day, DateOnly first, DateOnly last) =>
        SyntheticCalendar.ToWeekday(day, first, last).ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(8 * 60));

    private DateTime AnyHour(DateOnly day) => day.ToDateTime(TimeOnly.MinValue).AddMinutes(random.Next(23 * 60));

    private string NextSampleNumber(DateTime time) => $"H{time:yy}-{++_sampleNumber:000000}";

    private string NextExamNumber(DateTime time, string prefix) => $"{prefix}{time:yyyy}{++_examNumber:0000000}";
}
