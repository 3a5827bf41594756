using Lake.Pseudonymization;

namespace Lake.Synthetic;

/// <summary>
/// Draws Multilab samples for 2015–2025: routine panels for everybody, HbA1c follow-up for
/// diabetics after their first diagnosis, and the work-up of acute diagnoses on the same day.
/// </summary>
internal sealed class LabEventGenerator(Random random)
{
    private const double RoutineSamplesPerYear = 0.08;

    private readonly List<(long Order, LabEvent Event)> _ownEvents = [];

    public List<LabEvent> Generate(IReadOnlyList<PersonProfile> people, IReadOnlyList<DiagnosisEvent> diagnoses)
    {
        var events = new List<LabEvent>(people.Count * 12);
        var nextDiagnosis = 0;
        for (var i = 0; i < people.Count; i++)
        {
            // Diagnoses are in person order, so each person's rows are the next run of the list.
            var firstDiagnosis = nextDiagnosis;
            while (nextDiagnosis < diagnoses.Count && diagnoses[nextDiagnosis].PersonIndex == i)
                nextDiagnosis++;

            GenerateFor(i, people[i], diagnoses, firstDiagnosis, nextDiagnosis, events);
        }

        return events;
    }

    private void GenerateFor(int personIndex, PersonProfile person, IReadOnlyList<DiagnosisEvent> diagnoses, int firstDiagnosis, int endDiagnosis, List<LabEvent> events)
    {
        var first = person.FirstEventDay > SyntheticCalendar.MultilabStart ? person.FirstEventDay : SyntheticCalendar.MultilabStart;
        var last = person.LastEventDay;
        if (first > last)
            return;

        _ownEvents.Clear();
        var years = (last.DayNumber - first.DayNumber + 1) / 365.25;
        var routineCount = 1 + random.Poisson(RoutineSamplesPerYear * years);
        for (var r = 0; r < routineCount; r++)
            AddRoutineSample(personIndex, person, SyntheticCalendar.ToWeekday(SyntheticCalendar.Between(random, first, last), first, last));

        if (person.FirstDiabetesDiagnosis is { } diagnosed)
            AddDiabetesFollowUp(personIndex, person, DateOnly.FromDateTime(diagnosed).AddDays(1), last);

        for (var d = firstDiagnosis; d < endDiagnosis; d++)
        {
            var diagnosis = diagnoses[d];
            if (diagnosis.IsPrimary && diagnosis.Code.Panel != AcutePanel.None)
                AddAcuteWorkUp(personIndex, person, diagnosis, first);
        }

        // Order is the insertion sequence within a time, so a sample's tests stay in panel order.
        _ownEvents.Sort((a, b) => a.Event.Time != b.Event.Time ? a.Event.Time.CompareTo(b.Event.Time) : a.Order.CompareTo(b.Order));
        foreach (var (_, labEvent) in _ownEvents)
            events.Add(labEvent);
    }

    private void AddRoutineSample(int personIndex, PersonProfile person, DateOnly day)
    {
        var time = day.ToDateTime(new TimeOnly(7, 0)).AddMinutes(random.Next(240));
        var age = person.AgeAt(day);
        var orderer = age < 16 ? random.Pick(ClinicalUnits.ChildOrderers) : ClinicalUnits.RoutineOrderers.Pick(random);
        var diabetic = person.FirstDiabetesDiagnosis is { } diagnosed && time > diagnosed;

        Add(personIndex, time, LabCatalog.Haemoglobin, Haemoglobin(person, age), orderer);
        Add(personIndex, time, LabCatalog.Crp, random.Chance(0.75) ? random.Uniform(1, 4.99) : random.Uniform(5, 25), orderer);
        if (random.Chance(0.6))
            Add(personIndex, time, LabCatalog.Creatinine, Creatinine(person, age), orderer);

        if (random.Chance(0.45))
        {
            Add(personIndex, time, LabCatalog.Potassium, Potassium(person), orderer);
            Add(personIndex, time, LabCatalog.Sodium, Math.Clamp(random.Normal(140, 2), 135, 145), orderer);
        }

        if (age >= 30 && random.Chance(0.35))
        {
            Add(personIndex, time, LabCatalog.Glucose, Glucose(person, diabetic), orderer);
            Add(personIndex, time, LabCatalog.Ldl, diabetic ? random.Uniform(1.4, 3.0) : Math.Clamp(random.Normal(3.0, 0.7), 1.4, 5.5), orderer);

            // A diabetic's HbA1c comes from follow-up only, so every HbA1c of theirs is a diabetic value.
            if (person.Diabetes is null && random.Chance(0.3))
                Add(personIndex, time, LabCatalog.HbA1c, random.Uniform(30, 42.49), orderer);
        }

        if (random.Chance(0.12))
            Add(personIndex, time, LabCatalog.UrineScreen, random.Chance(0.08) ? 1 : 0, orderer);
    }

    /// <summary>HbA1c one to four times in every year after the diagnosis, around a personal level.</summary>
    private void AddDiabetesFollowUp(int personIndex, PersonProfile person, DateOnly first, DateOnly last)
    {
        var level = random.Uniform(50, 75);
        for (var yearStart = first; yearStart <= last; yearStart = yearStart.AddDays(365))
        {
            var yearEnd = yearStart.AddDays(364) < last ? yearStart.AddDays(364) : last;
            var count = random.Next(1, 5);
            var days = yearEnd.DayNumber - yearStart.DayNumber + 1;
            if (days < 365)
                count = Math.Max(1, (int)Math.Round(count * days / 365.0));

            for (var c = 0; c < count; c++)
            {
                var day = SyntheticCalendar.ToWeekday(SyntheticCalendar.Between(random, yearStart, yearEnd), first, last);
                var time = day.ToDateTime(new TimeOnly(7, 0)).AddMinutes(random.Next(240));
                var orderer = random.Pick(ClinicalUnits.DiabetesOrderers);
                Add(personIndex, time, LabCatalog.HbA1c, Math.Clamp(level + random.Normal(0, 6), 45, 95), orderer);
                if (random.Chance(0.5))
                    Add(personIndex, time, LabCatalog.Glucose, Glucose(person, diabetic: true), orderer);

                if (random.Chance(0.5))
                    Add(personIndex, time, LabCatalog.Creatinine, Creatinine(person, person.AgeAt(day)), orderer);

                if (random.Chance(0.4))
                    Add(personIndex, time, LabCatalog.Ldl, random.Uniform(1.4, 3.0), orderer);

                if (random.Chance(0.15))
                    Add(personIndex, time, LabCatalog.UrineScreen, random.Chance(0.1) ? 1 : 0, orderer);
            }
        }
    }

    private void AddAcuteWorkUp(int personIndex, PersonProfile person, DiagnosisEvent diagnosis, DateOnly first)
    {
        // Samples are taken in the emergency room before the diagnosis is entered.
        var time = diagnosis.Time.AddMinutes(-random.Next(30, 180));
        time = time.AddSeconds(-time.Second);
        if (DateOnly.FromDateTime(time) < first)
            return;

        var age = person.AgeAt(DateOnly.FromDateTime(time));
        var orderer = age < 16 ? random.Pick(ClinicalUnits.ChildOrderers) : random.Pick(ClinicalUnits.EmergencyOrderers);
        switch (diagnosis.Code.Panel)
        {
            case AcutePanel.Infection:
                Add(personIndex, time, LabCatalog.Crp, random.Uniform(40, 250), orderer);
                Add(personIndex, time, LabCatalog.Haemoglobin, Haemoglobin(person, age), orderer);
                if (random.Chance(0.5))
                    Add(personIndex, time, LabCatalog.Creatinine, Creatinine(person, age), orderer);

                break;
            case AcutePanel.UrinaryInfection:
                Add(personIndex, time, LabCatalog.UrineScreen, 1, orderer);
                Add(personIndex, time, LabCatalog.Crp, random.Uniform(5, 80), orderer);
                break;
            case AcutePanel.Cardiac:
            case AcutePanel.Trauma:
                var haemoglobin = Haemoglobin(person, age) - (diagnosis.Code.Panel == AcutePanel.Trauma ? random.Uniform(0, 25) : 0);
                Add(personIndex, time, LabCatalog.Haemoglobin, Math.Max(haemoglobin, 85), orderer);
                Add(personIndex, time, LabCatalog.Crp, random.Uniform(1, 30), orderer);
                Add(personIndex, time, LabCatalog.Creatinine, Creatinine(person, age), orderer);
                Add(personIndex, time, LabCatalog.Potassium, Potassium(person), orderer);
                Add(personIndex, time, LabCatalog.Sodium, Math.Clamp(random.Normal(140, 2), 135, 145), orderer);
                break;
            case AcutePanel.Gastroenteritis:
                Add(personIndex, time, LabCatalog.Potassium, random.Uniform(3.1, 4.0), orderer);
                Add(personIndex, time, LabCatalog.Sodium, random.Uniform(130, 140), orderer);
                Add(personIndex, time, LabCatalog.Creatinine, Creatinine(person, age), orderer);
                Add(personIndex, time, LabCatalog.Crp, random.Uniform(5, 60), orderer);
                break;
        }
    }

    private void Add(int personIndex, DateTime time, LabTest test, double value, string orderer)
    {
        var rounded = Math.Round(value, test.Decimals, MidpointRounding.AwayFromZero);
        _ownEvents.Add((_ownEvents.Count, new LabEvent(personIndex, time, test, rounded, orderer)));
    }

    private double Haemoglobin(PersonProfile person, double age) =>
        age < 16 ? Math.Clamp(random.Normal(125, 8), 105, 150)
        : person.Sex == Sex.Male ? Math.Clamp(random.Normal(148, 9), 120, 175)
        : Math.Clamp(random.Normal(135, 8), 110, 160);

    private double Creatinine(PersonProfile person, double age) =>
        person.HasChronicKidneyDisease ? random.Uniform(110, 220)
        : age < 16 ? random.Uniform(25, 60)
        : person.Sex == Sex.Male ? Math.Clamp(random.Normal(85, 12), 60, 115)
        : Math.Clamp(random.Normal(68, 10), 45, 95);

    private double Potassium(PersonProfile person) =>
        Math.Clamp(random.Normal(person.HasChronicKidneyDisease ? 4.5 : 4.1, 0.3), 3.4, 5.4);

    private double Glucose(PersonProfile person, bool diabetic) =>
        diabetic ? random.Uniform(6.5, 13.5)
        : person.Diabetes is not null ? random.Uniform(5.6, 6.9)
        : random.Uniform(4.6, 6.0);
}
