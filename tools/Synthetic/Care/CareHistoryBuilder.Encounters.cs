using Lake.Pseudonymization;

namespace Lake.Synthetic.Care;

internal sealed partial class CareHistoryBuilder
{
    private const string Gynaecology = "Naistentaudit";
    private const string DeliveryWard = "Synnytysosasto, Kätilöopisto";

    // Calibrated so Uranus has about 0.12 visits per patient-year, the catalog's 2-3 million a year
    // for 3.5 million patients at the scale of the Apotti diagnosis feed (see FeedGenerator).
    private const double BaseVisitRate = 0.03;
    private const double VisitRatePerCondition = 0.07;
    private const double ElderlyVisitRate = 0.05;

    private static readonly IcdCode Pneumonia = IcdCatalog.Acute.Items.First(c => c.Code == "J18.9");

    /// <summary>Uranus years 2004-2020: visits for the conditions a person has by then, and acute illness.</summary>
    private void DrawUranusEncounters(PersonCare person, List<Encounter> encounters)
    {
        var first = Max(person.FirstDay, CareCalendar.UranusFirstDay);
        var last = Min(person.LastDay, CareCalendar.UranusLastDay);
        for (var year = first.Year; year <= last.Year && first <= last; year++)
        {
            var from = Max(first, new DateOnly(year, 1, 1));
            var to = Min(last, new DateOnly(year, 12, 31));
            var middle = from.AddDays((to.DayNumber - from.DayNumber) / 2).ToDateTime(TimeOnly.MinValue);
            var age = person.AgeAt(middle);
            var rate = BaseVisitRate + (VisitRatePerCondition * person.ActiveAt(middle).Count()) + (age >= 75 ? ElderlyVisitRate : 0);
            if (year <= CareCalendar.UranusPartialUntil)
                rate *= 0.5;

            var count = random.Poisson(rate * (to.DayNumber - from.DayNumber + 1) / 365.25);
            for (var k = 0; k < count; k++)
            {
                var day = SyntheticCalendar.Between(random, from, to);
                var active = person.ActiveAt(day.ToDateTime(TimeOnly.MinValue)).ToList();
                var primary = active.Count > 0 && random.Chance(0.55) ? random.Pick(active) : DrawAcute(person, day);
                encounters.Add(NewEncounter(person, primary, day, first, last, KindOf(primary)));
            }
        }
    }

    /// <summary>The first visit for a chronic condition that begins in the Uranus years, on a referral.</summary>
    private void AddOnsetEncounters(PersonCare person, List<Encounter> encounters)
    {
        var first = Max(person.FirstDay, CareCalendar.UranusFirstDay);
        var last = Min(person.LastDay, CareCalendar.UranusLastDay);
        foreach (var (code, onset) in person.Onsets.OrderBy(o => o.Value))
        {
            var day = DateOnly.FromDateTime(onset);
            if (code.IsDiabetes || day < first || day > last)
                continue;

            encounters.Add(NewEncounter(person, code, day, day, last, VisitKind.FirstVisit));
        }
    }

    /// <summary>
    /// Childbirths of the Obstetrix years 2005-2019, for women aged 16 to 48, at Finnish age-specific
    /// rates, at least 15 months apart; each is an admission to the delivery ward.
    /// </summary>
    private void DrawBirths(PersonCare person, List<Encounter> encounters)
    {
        var profile = person.Profile;
        if (profile.Sex != Sex.Female)
            return;

        var ageIn2005 = profile.AgeAt(new DateOnly(CareCalendar.ObstetrixFrom, 1, 1));
        var parity = ageIn2005 > 20 ? random.Poisson(0.06 * (Math.Min(ageIn2005, 45) - 20)) : 0;
        var lastBirth = DateOnly.MinValue;
        for (var year = CareCalendar.ObstetrixFrom; year <= CareCalendar.ObstetrixTo; year++)
        {
            var from = Max(Max(new DateOnly(year, 1, 1), profile.BirthDate.AddYears(16)), lastBirth.AddDays(450));
            // Not on 31 December: the birth itself, hours after admission, must stay in Obstetrix's years.
            var to = Min(Min(new DateOnly(year, 12, 30), profile.BirthDate.AddYears(48)), person.LastDay.AddDays(-6));
            if (from > to)
                continue;

            var age = profile.AgeAt(from);
            var rate = age switch
            {
                < 20 => 0.01,
                < 25 => 0.05,
                < 30 => 0.1,
                < 35 => 0.1,
                < 40 => 0.05,
                < 45 => 0.01,
                _ => 0.001,
            };
            if (!random.Chance(rate * (to.DayNumber - from.DayNumber + 1) / 365.25))
                continue;

            var day = SyntheticCalendar.Between(random, from, to);
            lastBirth = day;
            encounters.Add(NewBirth(person, day, parity++));
        }
    }

    private Encounter NewBirth(PersonCare person, DateOnly day, int parity)
    {
        var draw = random.NextDouble();
        var mode = draw < 0.75 ? DeliveryMode.Vaginal : draw < 0.83 ? DeliveryMode.Vacuum : draw < 0.91 ? DeliveryMode.ElectiveCaesarean : DeliveryMode.EmergencyCaesarean;
        var weeks = random.Chance(0.06) ? random.Next(32, 37) : random.Chance(0.05) ? 42 : random.Next(37, 42);
        var weight = (int)Math.Round(Math.Clamp(random.Normal(3500 - (180 * (40 - weeks)), 420), 1200, 5200));
        var admitted = AnyHour(day);
        var birth = admitted.AddMinutes(random.Next(60, 16 * 60));
        if (!person.Fits(birth))
            birth = admitted.AddMinutes(30);

        _records.Births.Add(new BirthRecord(person.Index, birth, weeks, weight, mode, parity));
        var code = new IcdCode(mode switch
        {
            DeliveryMode.Vaginal => "O80",
            DeliveryMode.Vacuum => "O81.4",
            DeliveryMode.ElectiveCaesarean => "O82.0",
            _ => "O82.1",
        }, DiagnosisKind.Acute, [Gynaecology]);
        var caesarean = mode is DeliveryMode.ElectiveCaesarean or DeliveryMode.EmergencyCaesarean;
        if (caesarean && CareCalendar.OperaFrom <= birth.Year)
        {
            var start = birth.AddMinutes(-random.Next(30, 50));
            _records.OperaOperations.Add(new ProcedureRecord(person.Index, start, Surgeries.Caesarean.Code, Surgeries.Caesarean.Name, true, mode == DeliveryMode.EmergencyCaesarean,
                random.Next(Surgeries.Caesarean.MinMinutes, Surgeries.Caesarean.MaxMinutes + 1), Surgeries.Caesarean.Anesthesia, DeliveryWard));
        }

        var discharge = day.AddDays(random.Next(caesarean ? 3 : 2, caesarean ? 6 : 5)).ToDateTime(new TimeOnly(11, 0)).AddMinutes(random.Next(240));
        return new Encounter
        {
            Person = person.Index,
            Time = admitted,
            Primary = code,
            Origin = EncounterOrigin.Uranus,
            Kind = VisitKind.Delivery,
            Specialty = Gynaecology,
            Department = DeliveryWard,
            Discharge = person.Fits(discharge) ? discharge : null,
            Migrated = random.Chance(CareCalendar.UranusToApotti(day.Year)),
        };
    }

    /// <summary>
    /// The visits of the Apotti diagnosis feed: each primary row opens one, the secondary rows after
    /// it belong to it. Acute visits outside office hours were emergencies.
    /// </summary>
    private void AddApottiEncounters(PersonCare person, IReadOnlyList<DiagnosisEvent> diagnoses, int first, int end, List<Encounter> encounters)
    {
        for (var d = first; d < end; d++)
        {
            var primary = diagnoses[d];
            if (!primary.IsPrimary)
                continue;

            var secondary = new List<(DateTime, IcdCode)>();
            while (d + 1 < end && !diagnoses[d + 1].IsPrimary)
            {
                d++;
                secondary.Add((diagnoses[d].Time, diagnoses[d].Code));
            }

            var course = AcuteCourses.For(primary.Code);
            var office = primary.Time.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && primary.Time.Hour is >= 8 and < 16;
            var kind = primary.Code.Kind == DiagnosisKind.Chronic
                ? random.Chance(0.12) ? VisitKind.Phone : VisitKind.FollowUp
                : office && course.Admission < 1 && course.Ambulance < 0.5 ? VisitKind.FirstVisit : VisitKind.Emergency;
            encounters.Add(new Encounter
            {
                Person = person.Index,
                Time = primary.Time,
                Primary = primary.Code,
                Secondary = secondary,
                Origin = EncounterOrigin.Apotti,
                Kind = kind,
                Specialty = primary.Specialty,
                Department = primary.Department,
                Migrated = primary.Time.Year == 2020 && random.Chance(CareCalendar.ApottiToUranus2020),
            });
        }
    }

    private Encounter NewEncounter(PersonCare person, IcdCode primary, DateOnly day, DateOnly first, DateOnly last, VisitKind kind, IcuSystem? icu = null)
    {
        var time = kind == VisitKind.Emergency ? AnyHour(day) : OfficeHours(day, first, last);
        var specialty = person.AgeAt(time) < 16 ? ClinicalUnits.Paediatrics : random.Chance(0.5) ? primary.Specialties[0] : random.Pick(primary.Specialties);

        // Other conditions are entered as secondary diagnoses, minutes after the primary.
        var secondary = new List<(DateTime, IcdCode)>();
        var recorded = time;
        foreach (var condition in person.ActiveAt(time).ToList())
        {
            if (condition == primary || secondary.Count == 3 || !random.Chance(kind == VisitKind.Emergency ? 0.15 : 0.25))
                continue;

            recorded = recorded.AddSeconds(random.Next(20, 300));
            secondary.Add((recorded, condition));
        }

        return new Encounter
        {
            Person = person.Index,
            Time = time,
            Primary = primary,
            Secondary = secondary,
            Origin = EncounterOrigin.Uranus,
            Kind = kind,
            Specialty = specialty,
            Department = random.Pick(ClinicalUnits.DepartmentsOf(specialty)),
            Migrated = random.Chance(CareCalendar.UranusToApotti(time.Year)),
            ForcedIcu = icu,
        };
    }

    private VisitKind KindOf(IcdCode primary)
    {
        if (primary.Kind == DiagnosisKind.Chronic)
            return random.Chance(0.15) ? VisitKind.Phone : VisitKind.FollowUp;

        var course = AcuteCourses.For(primary);
        return course.Admission >= 1 || course.Ambulance >= 0.5 || random.Chance(0.7) ? VisitKind.Emergency : VisitKind.FirstVisit;
    }

    /// <summary>An acute diagnosis that fits the person's age, sex and the year; births come from <see cref="DrawBirths"/>.</summary>
    private IcdCode DrawAcute(PersonCare person, DateOnly day)
    {
        var age = person.Profile.AgeAt(day);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var code = IcdCatalog.Acute.Pick(random);
            if (code.Code != "O80" && code.Fits(age, person.Profile.Sex, day.Year))
                return code;
        }

        return IcdCatalog.Acute.Items[0];
    }
}
