using Lake.Pseudonymization;

namespace Lake.Synthetic.Care;

internal sealed partial class CareHistoryBuilder
{
    private static readonly ImagingExam[] RoutineExams = [ImagingExams.Thorax, ImagingExams.Thorax, ImagingExams.Knee, ImagingExams.AbdomenUs, ImagingExams.SpineMr];

    /// <summary>
    /// Qpati, 1987-2021: biopsies that diagnose a cancer, cervical smears of women aged 25-60,
    /// the odd mole removed.
    /// </summary>
    private void AddRoutinePathology(PersonCare person)
    {
        foreach (var (condition, onset) in person.Onsets)
        {
            if (PathologySpecimens.IsCancer(condition.Code))
                RecordPathology(person, onset.Date.AddDays(-random.Next(3, 15)).AddHours(9).AddMinutes(random.Next(300)), PathologySpecimens.BiopsyOf(condition.Code));

            if (Surgeries.ForCancer(condition.Code) is { } surgery && random.Chance(0.6))
            {
                var time = onset.Date.AddDays(random.Next(20, 50)).AddHours(8).AddMinutes(random.Next(300));
                if (person.Fits(time))
                    RecordSurgery(person, CancerEncounter(person, condition, time), time, surgery);
            }
        }

        var profile = person.Profile;
        for (var year = Math.Max(CareCalendar.QpatiFrom, profile.FirstEventDay.Year); year <= Math.Min(CareCalendar.QpatiTo, profile.LastEventDay.Year); year++)
        {
            var day = SyntheticCalendar.Between(random, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var age = profile.AgeAt(day);
            if (profile.Sex == Sex.Female && age is >= 25 and <= 60 && random.Chance(0.03))
                RecordPathology(person, OfficeHours(day, day, day.AddDays(3)), random.Chance(0.93) ? PathologySpecimens.PapSmear : PathologySpecimens.AtypicalPapSmear);
            else if (age >= 18 && random.Chance(0.002))
                RecordPathology(person, OfficeHours(day, day, day.AddDays(3)), PathologySpecimens.Nevus);
        }
    }

    /// <summary>Imaging not tied to a visit of the history: check-ups and screening mammography, from 1996.</summary>
    private void AddRoutineImaging(PersonCare person)
    {
        var profile = person.Profile;
        for (var year = Math.Max(CareCalendar.MustiraduFrom, profile.FirstEventDay.Year); year <= profile.LastEventDay.Year; year++)
        {
            var day = SyntheticCalendar.Between(random, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var age = profile.AgeAt(day);
            var rate = year <= 1998 ? 0.005 : 0.015;
            if (random.Chance(rate))
                RecordImaging(person, OfficeHours(day, day, day.AddDays(3)), random.Pick(RoutineExams), question: null);
            if (profile.Sex == Sex.Female && age is >= 50 and < 70 && random.Chance(0.1))
                RecordImaging(person, OfficeHours(day, day, day.AddDays(3)), ImagingExams.Mammography, question: null);
        }
    }

    /// <summary>Apotti's demographics, from 2018, for everybody alive then; a tenth have moved since Uranus.</summary>
    private void AddApottiPatient(PersonCare person)
    {
        var profile = person.Profile;
        var first = Max(profile.FirstEventDay, new DateOnly(CareCalendar.ApottiVisitFrom, 1, 1));
        var last = Min(profile.LastEventDay, new DateOnly(2023, 12, 31));
        if (first > last)
            return;

        var municipality = random.Chance(0.1) ? random.Pick(["Helsinki", "Espoo", "Vantaa", "Kerava", "Järvenpää", "Tuusula"]) : profile.Municipality;
        var measured = profile.AgeAt(last) >= 18 && random.Chance(0.3);
        _records.ApottiPatients.Add(new ApottiPatientRecord(person.Index, profile.DeathDate is { } death && death.Year >= CareCalendar.ApottiVisitFrom ? death : null, municipality,
            measured ? Math.Round(person.HeightCm, 1) : null, measured ? Math.Round(person.WeightKg + random.Normal(0, 3), 1) : null, SyntheticCalendar.Between(random, first, last)));
    }

    private static Encounter CancerEncounter(PersonCare person, IcdCode cancer, DateTime time) => new()
    {
        Person = person.Index,
        Time = time,
        Primary = cancer,
        Origin = time.Year >= 2021 ? EncounterOrigin.Apotti : EncounterOrigin.Uranus,
        Kind = VisitKind.FollowUp,
        Specialty = cancer.Specialties[0],
        Department = ClinicalUnits.DepartmentsOf(cancer.Specialties[^1])[0],
    };
}
