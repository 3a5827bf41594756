namespace Lake.Synthetic;

/// <summary>
/// Draws Apotti visits and their diagnoses for 2020–2025. A person's chronic conditions come
/// back visit after visit, which is what makes "diagnosed at least once" cohorts realistic.
/// </summary>
internal sealed class DiagnosisEventGenerator(Random random)
{
    /// <summary>Diabetics need this many days in the Apotti years: a diagnosis, then follow-up.</summary>
    public const int MinimumDiabetesWindowDays = 180;

    // The first diabetes row leaves at least this much time for follow-up HbA1c.
    private const int DiabetesFollowUpDays = 90;

    private const double UndottedShare = 0.05;
    private const double LowerCaseShare = 0.03;

    private readonly List<(DateTime Time, IcdCode Primary, bool Emergency)> _visits = [];
    private readonly List<IcdCode> _conditions = [];

    public List<DiagnosisEvent> Generate(IReadOnlyList<PersonProfile> people)
    {
        var events = new List<DiagnosisEvent>(people.Count * 4);
        for (var i = 0; i < people.Count; i++)
            GenerateFor(i, people[i], events);

        return events;
    }

    /// <summary>Apotti was partial in 2020–2021: fewer rows there, as in the real catalog.</summary>
    private static double YearWeight(int year) => year switch
    {
        2020 => 0.35,
        2021 => 0.6,
        _ => 1.0,
    };

    private void GenerateFor(int personIndex, PersonProfile person, List<DiagnosisEvent> events)
    {
        var first = person.FirstEventDay > SyntheticCalendar.ApottiStart ? person.FirstEventDay : SyntheticCalendar.ApottiStart;
        var last = person.LastEventDay;
        if (first > last)
            return;

        var ownFirstEvent = events.Count;
        _conditions.Clear();
        _conditions.AddRange(person.Chronic);
        if (person.Diabetes is { } diabetes)
            _conditions.Add(diabetes);

        var ratePerYear = 0.2 + (0.24 * _conditions.Count) + (person.AgeAt(last) >= 75 ? 0.2 : 0);
        var visitCount = random.Poisson(ratePerYear * EffectiveYears(first, last));

        _visits.Clear();
        for (var v = 0; v < visitCount; v++)
        {
            var day = DrawDay(first, last);
            var primary = _conditions.Count > 0 && random.Chance(0.6) ? random.Pick(_conditions) : DrawAcute(person, day);
            AddVisit(day, primary, first, last);
        }

        // The diagnosing visit: early enough that HbA1c follow-up fits before death or today.
        if (person.Diabetes is { } code)
            AddVisit(SyntheticCalendar.Between(random, first, last.AddDays(-DiabetesFollowUpDays)), code, first, last.AddDays(-DiabetesFollowUpDays));

        _visits.Sort((a, b) => a.Time.CompareTo(b.Time));
        foreach (var (time, primary, emergency) in _visits)
        {
            var specialty = person.AgeAt(DateOnly.FromDateTime(time)) < 16 ? ClinicalUnits.Paediatrics
                : random.Chance(0.5) ? primary.Specialties[0] : random.Pick(primary.Specialties);
            var department = random.Pick(ClinicalUnits.DepartmentsOf(specialty));
            events.Add(new DiagnosisEvent(personIndex, time, primary, true, department, specialty, DrawVariant()));

            // Secondary diagnoses are the person's other chronic conditions, entered minutes later.
            var recorded = time;
            var secondaries = 0;
            foreach (var condition in _conditions)
            {
                if (condition == primary || secondaries == 3 || !random.Chance(emergency ? 0.2 : 0.3))
                    continue;

                recorded = recorded.AddSeconds(random.Next(20, 300));
                events.Add(new DiagnosisEvent(personIndex, recorded, condition, false, department, specialty, DrawVariant()));
                secondaries++;
            }
        }

        var firstDiabetes = events.FindIndex(ownFirstEvent, e => e.Code.IsDiabetes);
        if (firstDiabetes >= 0)
            person.FirstDiabetesDiagnosis = events[firstDiabetes].Time;
    }

    private void AddVisit(DateOnly day, IcdCode primary, DateOnly first, DateOnly last)
    {
        var emergency = primary.Kind == DiagnosisKind.Acute && random.Chance(0.7);
        DateTime time;
        if (emergency)
        {
            // Before 23:00, so the secondary rows entered minutes later stay on the same day.
            time = day.ToDateTime(TimeOnly.MinValue).AddSeconds(random.Next(23 * 3600));
        }
        else
        {
            var weekday = SyntheticCalendar.ToWeekday(day, first, last);
            time = weekday.ToDateTime(new TimeOnly(8, 0)).AddSeconds(random.Next(8 * 3600));
        }

        _visits.Add((time, primary, emergency));
    }

    private DateOnly DrawDay(DateOnly first, DateOnly last)
    {
        while (true)
        {
            var day = SyntheticCalendar.Between(random, first, last);
            if (random.Chance(YearWeight(day.Year)))
                return day;
        }
    }

    private IcdCode DrawAcute(PersonProfile person, DateOnly day)
    {
        var age = person.AgeAt(day);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var code = IcdCatalog.Acute.Pick(random);
            if (code.Fits(age, person.Sex, day.Year))
                return code;
        }

        // The first acute code (common cold) fits everybody.
        return IcdCatalog.Acute.Items[0];
    }

    private CodeVariant DrawVariant()
    {
        var draw = random.NextDouble();
        return draw < UndottedShare ? CodeVariant.Undotted
            : draw < UndottedShare + LowerCaseShare ? CodeVariant.LowerCase
            : CodeVariant.Canonical;
    }

    private static double EffectiveYears(DateOnly first, DateOnly last)
    {
        var total = 0.0;
        for (var year = first.Year; year <= last.Year; year++)
        {
            var from = year == first.Year ? first : new DateOnly(year, 1, 1);
            var to = year == last.Year ? last : new DateOnly(year, 12, 31);
            total += (to.DayNumber - from.DayNumber + 1) / 365.25 * YearWeight(year);
        }

        return total;
    }
}
