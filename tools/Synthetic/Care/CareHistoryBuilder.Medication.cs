namespace Lake.Synthetic.Care;

internal sealed partial class CareHistoryBuilder
{
    /// <summary>
    /// Medicines at a visit: a system that records a person's treated condition for the first time
    /// enters its medicine (a migration to Apotti re-entered every prescription), an acute course
    /// ends in a prescription, and a chronic visit renews its medicine now and then.
    /// </summary>
    private void PrescribeAtVisit(PersonCare person, Encounter encounter, AcuteCourse course)
    {
        var time = encounter.Time.AddMinutes(random.Next(10, 60));
        if (MedicationSystem(time, encounter.Origin) is { } system)
        {
            foreach (var condition in person.ActiveAt(encounter.Time).ToList())
            {
                if (person.Treatments.TryGetValue(condition, out var drug) && person.Reconciled.Add((condition, system)))
                    Prescribe(person, time, drug, encounter.Origin, encounter.Migrated);
            }
        }

        if (course.Drug is { } acute)
            Prescribe(person, (encounter.Discharge ?? encounter.Time).AddMinutes(random.Next(15, 90)), acute, encounter.Origin, encounter.Migrated);
        else if (person.Treatments.TryGetValue(encounter.Primary, out var chronic) && random.Chance(0.25))
            Prescribe(person, time, chronic, encounter.Origin, encounter.Migrated);
    }

    /// <summary>
    /// Each treated condition is prescribed when it is diagnosed. Renewals are mostly written in
    /// primary care, outside the hospital's systems; those written here come with visits.
    /// </summary>
    private void PrescribeAtOnsets(PersonCare person)
    {
        foreach (var (condition, drug) in person.Treatments)
        {
            var time = person.Onsets[condition].AddMinutes(random.Next(10, 40));
            var origin = condition.IsDiabetes || time.Year >= 2021 ? EncounterOrigin.Apotti : EncounterOrigin.Uranus;
            Prescribe(person, time, drug, origin, migrated: time.Year == 2020 && random.Chance(CareCalendar.ApottiToUranus2020));
        }
    }

    /// <summary>Uranus recorded medicines 2012-2020 and Apotti from 2019; a migrated encounter's prescription is in both.</summary>
    private static string? MedicationSystem(DateTime time, EncounterOrigin origin) => time.Year switch
    {
        < CareCalendar.UranusMedicationFrom => null,
        < CareCalendar.ApottiMedicationFrom => SourceSystems.Uranus,
        <= 2020 => origin == EncounterOrigin.Uranus ? SourceSystems.Uranus : SourceSystems.Apotti,
        _ => SourceSystems.Apotti,
    };

    private void Prescribe(PersonCare person, DateTime time, Drug drug, EncounterOrigin origin, bool migrated)
    {
        if (!person.Fits(time) || MedicationSystem(time, origin) is not { } system)
            return;

        var record = new MedicationRecord(person.Index, time, MedicationEntry.Prescription, drug, IsCopy: false);
        var uranus = system == SourceSystems.Uranus;
        (uranus ? _records.UranusMedications : _records.ApottiMedications).Add(record);
        if (migrated && time.Year is >= CareCalendar.ApottiMedicationFrom and <= 2020)
            (uranus ? _records.ApottiMedications : _records.UranusMedications).Add(record with { IsCopy = true });
    }

    /// <summary>Kemokur, 2014-2020: a chemotherapy course weeks after a cancer's onset, a dose every three weeks.</summary>
    private void AddChemotherapy(PersonCare person)
    {
        foreach (var (condition, onset) in person.Onsets)
        {
            if (DrugCatalog.ChemotherapyFor(condition.Code) is not null && random.Chance(condition.Code == "C61" ? 0.15 : 0.35))
                AddChemotherapy(person, condition, onset);
        }
    }

    private void AddChemotherapy(PersonCare person, IcdCode cancer, DateTime from)
    {
        var drug = DrugCatalog.ChemotherapyFor(cancer.Code)!;
        var start = from.Date.AddDays(random.Next(14, 43)).AddHours(8).AddMinutes(random.Next(6 * 60));
        if (start.Year is < CareCalendar.KemokurFrom or > CareCalendar.KemokurTo || !person.Fits(start))
            return;

        _records.KemokurCourses.Add(new MedicationRecord(person.Index, start, MedicationEntry.Course, drug, IsCopy: false));
        var cycles = random.Next(4, 7);
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var dose = start.AddDays(21 * cycle).AddMinutes(random.Next(30, 120));
            if (!person.Fits(dose) || dose.Year > CareCalendar.KemokurTo)
                break;
            _records.KemokurCourses.Add(new MedicationRecord(person.Index, dose, MedicationEntry.Dispensation, drug, IsCopy: false));
        }
    }
}
