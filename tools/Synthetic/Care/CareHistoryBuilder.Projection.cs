namespace Lake.Synthetic.Care;

internal sealed partial class CareHistoryBuilder
{
    private static readonly string[] MinorProcedures = ["TNX32", "WX110", "TQX10", "QB2AA", "TFX10"];
    private static readonly string[] MinorProcedureNames = ["Nivelen punktio ja injektio", "Laskimonsisäinen lääkeinfuusio", "Haavan hoito", "Ihon ompeleiden poisto", "Nenänielunäyte"];
    private static readonly string[] FurtherCare = ["Koti", "Terveyskeskuksen vuodeosasto", "Kuntoutusosasto", "Koti, kotisairaanhoito"];
    private static readonly string[] ReferralKinds = ["Hoitoonotto", "Konsultaatio", "Jatkohoito"];

    /// <summary>
    /// The Apotti diagnosis feed, fixed since the walking skeleton, has about two and a half times the
    /// acute visits per patient-year that the catalog's other Apotti volumes imply. What an Apotti visit
    /// brings on by chance is thinned by this factor, so those registers keep the catalog's proportions;
    /// what is certain (a hip fracture is operated on) stays certain.
    /// </summary>
    private const double ApottiThinning = 0.45;

    /// <summary>Records an encounter and what follows from it in every system in use at its time.</summary>
    private void Project(PersonCare person, Encounter encounter)
    {
        var course = AcuteCourses.For(encounter.Primary);
        person.Diagnosed.Add((encounter.Primary, encounter.Time));
        Admit(person, encounter, course);

        var surgery = PlanSurgery(person, encounter, course);
        RecordDiagnoses(encounter);
        RecordVisit(encounter);
        RecordReferral(person, encounter);
        RecordTexts(person, encounter);
        RecordMeasurements(person, encounter);
        RecordMinorProcedure(person, encounter);
        if (encounter.Discharge is { } discharge)
            RecordStay(person, encounter, discharge, surgery?.Surgery.Code);

        if (surgery is not null)
            RecordSurgery(person, encounter, surgery.Value.Time, surgery.Value.Surgery);

        if (course.Procedure is { } procedure && Chance(encounter, 0.8))
            RecordProcedure(person, encounter.Time.AddMinutes(random.Next(30, 120)), procedure, "Pallolaajennus ja stentti sepelvaltimoon", encounter.Department);

        if (course.Imaging is { } exam && Chance(encounter, course.ImagingChance))
            RecordImaging(person, encounter.Time.AddMinutes(random.Next(15, 120)), exam, encounter.Primary);

        if (encounter.IsEmergency && Chance(encounter, course.Ambulance))
            RecordAmbulance(person, encounter, course.Task);

        if (Chance(encounter, course.Ecg))
            RecordEcg(person, encounter.Time.AddMinutes(random.Next(5, 40)), encounter.Primary, encounter.Department);

        PrescribeAtVisit(person, encounter, course);
    }

    private void Admit(PersonCare person, Encounter encounter, AcuteCourse course)
    {
        if (encounter.Discharge is not null || encounter.Kind is VisitKind.Phone or VisitKind.Delivery)
            return;
        if (encounter.ForcedIcu is null && !Chance(encounter, course.Admission))
            return;

        var days = random.Next(course.MinDays, course.MaxDays + 1);
        var discharge = DateOnly.FromDateTime(encounter.Time).AddDays(days).ToDateTime(new TimeOnly(10, 0)).AddMinutes(random.Next(300));
        if (!person.Fits(discharge))
            discharge = person.LastDay.ToDateTime(new TimeOnly(12, 0));

        if (discharge > encounter.Time.AddHours(6))
            encounter.Discharge = discharge;
    }

    private (DateTime Time, Surgery Surgery)? PlanSurgery(PersonCare person, Encounter encounter, AcuteCourse course)
    {
        if (course.Surgery is not { } surgery || !Chance(encounter, course.SurgeryChance))
            return null;
        if (surgery == Surgeries.KneeArthroplasty)
        {
            if (person.KneeReplaced)
                return null;
            person.KneeReplaced = true;
        }

        if (surgery == Surgeries.HipScrews && person.AgeAt(encounter.Time) >= 75)
            surgery = Surgeries.HipHemiarthroplasty;

        // Emergency operations happen during the stay; elective ones weeks later.
        var (minHours, maxHours) = course.SurgeryDelayHours;
        var time = encounter.Time.AddHours(random.Next(minHours, maxHours + 1)).AddMinutes(random.Next(60));
        if (encounter.Discharge is { } discharge && maxHours < 24 * 7 && time > discharge.AddHours(-2))
            time = discharge.AddHours(-2);
        return person.Fits(time) && time > encounter.Time ? (time, surgery) : null;
    }

    private void RecordDiagnoses(Encounter encounter)
    {
        var copy = encounter.Origin == EncounterOrigin.Apotti;
        if (copy && !encounter.Migrated)
            return;
        if (encounter.Time.Year > CareCalendar.UranusLastDay.Year)
            return;

        _records.UranusDiagnoses.Add(new DiagnosisRecord(encounter.Person, encounter.Time, encounter.Primary, true, encounter.Department, encounter.Specialty, copy));
        foreach (var (time, code) in encounter.Secondary)
            _records.UranusDiagnoses.Add(new DiagnosisRecord(encounter.Person, time, code, false, encounter.Department, encounter.Specialty, copy));
    }

    private void RecordVisit(Encounter encounter)
    {
        // An Apotti diagnosis row without a visit is a problem-list entry or a consultation on the ward.
        if (encounter.Origin == EncounterOrigin.Apotti && encounter.Kind is VisitKind.FollowUp or VisitKind.Phone && !random.Chance(ApottiThinning))
            return;

        var further = encounter.Discharge is not null ? "Osastohoito"
            : encounter.Kind == VisitKind.Emergency ? "Koti"
            : encounter.Kind == VisitKind.Phone ? null
            : random.Pick(["Jatkokontrolli", "Terveyskeskus", "Ei jatkohoitoa"]);
        var year = encounter.Time.Year;
        var visit = new VisitRecord(encounter.Person, encounter.Time, encounter.Department, encounter.Specialty, encounter.Kind, encounter.Primary.Code, further, IsCopy: false);
        if (encounter.Origin == EncounterOrigin.Uranus)
        {
            _records.UranusVisits.Add(visit);
            if (encounter.Migrated && year >= CareCalendar.ApottiVisitFrom)
                _records.ApottiVisits.Add(visit with { IsCopy = true });
        }
        else
        {
            _records.ApottiVisits.Add(visit);
            if (encounter.Migrated)
                _records.UranusVisits.Add(visit with { IsCopy = true });
        }
    }

    private void RecordReferral(PersonCare person, Encounter encounter)
    {
        if (!(encounter.Kind == VisitKind.FirstVisit ? Chance(encounter, 0.35) : encounter.Kind == VisitKind.FollowUp && Chance(encounter, 0.01)))
            return;

        var visitDay = DateOnly.FromDateTime(encounter.Time);
        var date = visitDay.AddDays(-random.Next(7, 61));
        if (date < person.FirstDay)
            return;

        var approved = date.AddDays(random.Next(1, 15));
        var referral = new ReferralRecord(encounter.Person, date, ClinicalUnits.RoutineOrderers.Pick(random), random.Pick(["Vastaanotto", "Päivystys", "Työterveyshuolto"]),
            encounter.Department, approved <= visitDay ? approved : visitDay, encounter.Primary.Code, random.Pick(ReferralKinds), IsCopy: false);
        var uranus = date.Year < CareCalendar.ApottiVisitFrom || (encounter.Origin == EncounterOrigin.Uranus && date.Year <= CareCalendar.UranusLastDay.Year);
        (uranus ? _records.UranusReferrals : _records.ApottiReferrals).Add(referral);
        if (encounter.Migrated && date.Year >= CareCalendar.ApottiVisitFrom && date.Year <= CareCalendar.UranusLastDay.Year)
            (uranus ? _records.ApottiReferrals : _records.UranusReferrals).Add(referral with { IsCopy = true });
    }

    private void RecordStay(PersonCare person, Encounter encounter, DateTime discharge, string? procedure)
    {
        var start = encounter.Time;
        var admitting = encounter.IsEmergency ? random.Pick(ClinicalUnits.EmergencyOrderers) : encounter.Department;
        var stay = new InpatientRecord(encounter.Person, start, discharge, encounter.Department, admitting,
            person.AgeAt(start) >= 75 && random.Chance(0.4) ? random.Pick(FurtherCare) : "Koti", encounter.Specialty, encounter.Primary.Code, procedure, IsCopy: false);
        var uranusSide = encounter.Origin == EncounterOrigin.Uranus && start.Year <= CareCalendar.UranusInpatientTo;
        if (uranusSide)
        {
            _records.UranusInpatient.Add(stay);
            if (encounter.Migrated && start.Year >= CareCalendar.ApottiVisitFrom)
                _records.ApottiInpatient.Add(stay with { IsCopy = true });
        }
        else if (start.Year >= CareCalendar.ApottiVisitFrom)
        {
            _records.ApottiInpatient.Add(stay);
        }

        // Nursing notes, measurements and medicines of the ward days.
        var days = Math.Min(5, (int)(discharge - start).TotalDays);
        for (var day = 1; day <= days; day++)
        {
            var time = start.Date.AddDays(day).AddHours(7).AddMinutes(random.Next(14 * 60));
            if (time >= discharge)
                break;
            if (random.Chance(0.5))
                AddText(person, encounter, time, nursing: true);
            AddVitals(person, encounter, time, fever: IsInfection(encounter.Primary) && day <= 2);
        }

        if (encounter.Origin == EncounterOrigin.Uranus)
        {
            foreach (var drug in DrugCatalog.WardStock.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList())
            {
                var given = start.AddHours(random.Next(1, 20));
                if (given.Year is >= CareCalendar.UranusMedicationFrom and <= 2020 && given < discharge)
                    _records.UranusMedications.Add(new MedicationRecord(encounter.Person, given, MedicationEntry.Dispensation, drug, IsCopy: false));
            }
        }

        // Marela orders what the ward stock lacks, for some stays only.
        var order = start.AddHours(random.Next(1, 30));
        if (start.Year >= CareCalendar.MarelaFrom && Chance(encounter, 0.2) && order < discharge)
            _records.MarelaOrders.Add(new MedicationRecord(encounter.Person, order, MedicationEntry.Order, random.Pick(DrugCatalog.MarelaProducts), IsCopy: false));

        var course = AcuteCourses.For(encounter.Primary);
        if (encounter.ForcedIcu is not null || Chance(encounter, course.IntensiveCare))
            RecordIntensiveCare(person, encounter, discharge);
    }

    private void RecordTexts(PersonCare person, Encounter encounter)
    {
        var time = encounter.Time.AddMinutes(random.Next(10, 90));
        if (Chance(encounter, 0.95))
            AddText(person, encounter, time, nursing: false);
        if (encounter.Origin == EncounterOrigin.Uranus && random.Chance(0.3))
            AddText(person, encounter, time.AddMinutes(random.Next(5, 60)), nursing: true);

        var age = person.AgeAt(encounter.Time);
        var female = person.Profile.Sex == Lake.Pseudonymization.Sex.Female;
        if (encounter.IsEmergency && age is >= 15 and <= 70 && random.Chance(female ? 0.015 : 0.003))
            AddSexualAssaultText(person, encounter.Specialty, time.AddMinutes(random.Next(20, 120)));
    }

    /// <summary>Uranus texts until 2020, Apotti texts from 2021; an Apotti visit of 2020 left its text in neither export.</summary>
    private List<TextRecord>? TextsFor(DateTime time) =>
        time.Year <= CareCalendar.UranusLastDay.Year ? _records.UranusTexts : time.Year >= CareCalendar.ApottiFullFrom ? _records.ApottiNotes : null;

    private void AddText(PersonCare person, Encounter encounter, DateTime time, bool nursing)
    {
        if (!person.Fits(time) || (encounter.Origin == EncounterOrigin.Apotti && time.Year < CareCalendar.ApottiFullFrom))
            return;
        if (TextsFor(time) is not { } texts)
            return;

        var apotti = texts == _records.ApottiNotes;
        var english = apotti && random.Chance(0.15);

        // Apotti keeps the line breaks of a note; the old Uranus export flattened them.
        var separator = apotti ? "\n" : " ";
        var (text, identifiers) = nursing ? _texts.Nursing(person.Profile, english, separator) : _texts.Physician(person.Profile, encounter, english, separator);
        var type = nursing ? (apotti ? "Nursing Note" : "Hoitotyön teksti") : encounter.Kind == VisitKind.Delivery ? (apotti ? "Delivery Summary" : "Synnytyskertomus") : (apotti ? "Progress Note" : "Lääkärin teksti");
        texts.Add(new TextRecord(person.Index, time, encounter.Specialty, type, text, Category: null, identifiers));
    }

    private void AddSexualAssaultText(PersonCare person, string specialty, DateTime time)
    {
        if (!person.Fits(time) || TextsFor(time) is not { } texts)
            return;

        var apotti = texts == _records.ApottiNotes;
        texts.Add(new TextRecord(person.Index, time, specialty, apotti ? "Progress Note" : "Lääkärin teksti",
            _texts.SexualAssault(english: false, apotti ? "\n" : " "), apotti ? "Seksuaalirikos" : "SEKSUAALIRIKOS", TextIdentifiers.None));
    }

    private void RecordMeasurements(PersonCare person, Encounter encounter)
    {
        if (encounter.Kind is VisitKind.Phone or VisitKind.Delivery)
            return;

        var time = encounter.Time.AddMinutes(random.Next(2, 25));
        if (encounter.IsEmergency)
        {
            AddVitals(person, encounter, time, fever: IsInfection(encounter.Primary));
            return;
        }

        if (random.Chance(0.7))
        {
            AddMeasurement(person, encounter, time, Measurement.SystolicPressure, person.Systolic + random.Normal(0, 8));
            AddMeasurement(person, encounter, time, Measurement.DiastolicPressure, person.Diastolic + random.Normal(0, 5));
            AddMeasurement(person, encounter, time, Measurement.Pulse, person.Pulse + random.Normal(0, 6));
        }

        if (person.AgeAt(time) >= 18 && random.Chance(0.4))
            AddMeasurement(person, encounter, time, Measurement.Weight, person.WeightKg + random.Normal(0, 1.5));
        if (person.AgeAt(time) >= 18 && random.Chance(0.1))
            AddMeasurement(person, encounter, time, Measurement.Height, person.HeightCm + random.Normal(0, 0.4));
    }

    private void AddVitals(PersonCare person, Encounter encounter, DateTime time, bool fever)
    {
        AddMeasurement(person, encounter, time, Measurement.SystolicPressure, person.Systolic + random.Normal(0, 10));
        AddMeasurement(person, encounter, time, Measurement.DiastolicPressure, person.Diastolic + random.Normal(0, 6));
        AddMeasurement(person, encounter, time, Measurement.Pulse, person.Pulse + (fever ? 15 : 0) + random.Normal(0, 8));
        AddMeasurement(person, encounter, time, Measurement.Temperature, fever ? random.Uniform(38, 39.6) : random.Normal(36.7, 0.25));
        if (random.Chance(0.6))
            AddMeasurement(person, encounter, time, Measurement.OxygenSaturation, fever ? random.Uniform(89, 96) : random.Uniform(95, 99.5));
    }

    /// <summary>Uranus kept the care table 2013-2020, Apotti's flowsheets start in 2021; each system only its own encounters.</summary>
    private void AddMeasurement(PersonCare person, Encounter encounter, DateTime time, Measurement kind, double value)
    {
        if (!person.Fits(time))
            return;

        var list = encounter.Origin == EncounterOrigin.Uranus && time.Year is >= CareCalendar.UranusMeasurementFrom and <= 2020 ? _records.UranusMeasurements
            : encounter.Origin == EncounterOrigin.Apotti && time.Year >= CareCalendar.ApottiFullFrom ? _records.ApottiFlowsheets
            : null;
        var (decimals, min, max) = kind switch
        {
            Measurement.Weight => (1, 30.0, 250.0),
            Measurement.Height => (1, 120.0, 210.0),
            Measurement.Temperature => (1, 35.0, 41.0),
            Measurement.OxygenSaturation => (0, 80.0, 100.0),
            _ => (0, 35.0, 230.0),
        };
        list?.Add(new MeasurementRecord(person.Index, time, kind, Math.Round(Math.Clamp(value, min, max), decimals), encounter.Department));
    }

    private void RecordMinorProcedure(PersonCare person, Encounter encounter)
    {
        if (encounter.Kind is VisitKind.Phone or VisitKind.Delivery || !Chance(encounter, 0.5))
            return;

        var index = random.Next(MinorProcedures.Length);
        var time = encounter.Time.AddMinutes(random.Next(10, 90));
        if (encounter.Origin == EncounterOrigin.Uranus ? time.Year <= CareCalendar.UranusInpatientTo : time.Year >= CareCalendar.ApottiFullFrom)
            RecordProcedure(person, time, MinorProcedures[index], MinorProcedureNames[index], encounter.Department);
    }

    /// <summary>Non-surgical procedures: Uranus until 2019, Apotti from 2021; none is exported for 2020.</summary>
    private void RecordProcedure(PersonCare person, DateTime time, string code, string name, string unit)
    {
        if (!person.Fits(time))
            return;

        var record = new ProcedureRecord(person.Index, time, code, name, Primary: true, Emergency: null, DurationMinutes: null, Anesthesia: null, unit);
        if (time.Year >= CareCalendar.UranusFirstDay.Year && time.Year <= CareCalendar.UranusInpatientTo)
            _records.UranusProcedures.Add(record);
        else if (time.Year >= CareCalendar.ApottiFullFrom)
            _records.ApottiProcedures.Add(record);
    }

    /// <summary>Operations: Opera 2005-2020, before it Uranus (from 2004), after it Apotti.</summary>
    private void RecordSurgery(PersonCare person, Encounter encounter, DateTime time, Surgery surgery)
    {
        if (time.Year < CareCalendar.UranusFirstDay.Year)
            return;

        var record = new ProcedureRecord(person.Index, time, surgery.Code, surgery.Name, Primary: true, encounter.IsEmergency,
            random.Next(surgery.MinMinutes, surgery.MaxMinutes + 1), surgery.Anesthesia, encounter.Department);
        if (time.Year is >= CareCalendar.OperaFrom and <= CareCalendar.OperaTo)
            _records.OperaOperations.Add(record);
        else if (time.Year < CareCalendar.OperaFrom)
            _records.UranusProcedures.Add(record);
        else
            _records.ApottiProcedures.Add(record);

        if (surgery.Specimen is { } specimen)
            RecordPathology(person, time.AddMinutes(surgery.MinMinutes), specimen);
    }

    private void RecordPathology(PersonCare person, DateTime time, PathologySpecimen specimen)
    {
        if (person.Fits(time) && time.Year is >= CareCalendar.QpatiFrom and <= CareCalendar.QpatiTo)
            _records.Pathology.Add(new PathologyRecord(person.Index, time, NextSampleNumber(time), specimen));
    }

    /// <summary>Mustiradu until mid-2013, HUSRadu until Apotti took imaging over in 2021-2022.</summary>
    private void RecordImaging(PersonCare person, DateTime time, ImagingExam exam, IcdCode? question)
    {
        if (!person.Fits(time) || time.Year < CareCalendar.MustiraduFrom)
            return;

        var referral = question is null ? "Terveystarkastus." : $"Kysymys: {ConditionNames.Finnish(question)}?";
        var statement = question is null ? exam.NormalStatement : ImagingExams.FindingFor(question.Code, exam);
        if (time < CareCalendar.HusRaduStart)
            _records.MustiraduExams.Add(new ImagingRecord(person.Index, time, NextExamNumber(time, "M"), exam, referral, statement));
        else if (time.Year <= CareCalendar.HusRaduTo && !random.Chance(CareCalendar.ApottiImagingShare(time.Year)))
            _records.HusRaduExams.Add(new ImagingRecord(person.Index, time, NextExamNumber(time, "R"), exam, referral, statement));
        else
            _records.ApottiImaging.Add(new ImagingRecord(person.Index, time, NextExamNumber(time, "A"), exam, referral, statement));
    }

    private bool Chance(Encounter encounter, double probability) =>
        probability >= 1 || random.Chance(encounter.Origin == EncounterOrigin.Apotti ? probability * ApottiThinning : probability);

    private static bool IsInfection(IcdCode code) => code.Panel is AcutePanel.Infection or AcutePanel.UrinaryInfection;
}
