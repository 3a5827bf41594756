namespace Lake.Synthetic.Care;

internal sealed partial class CareHistoryBuilder
{
    /// <summary>
    /// Intensive care is rare and some systems ran a few years only: a system left with fewer than
    /// <see cref="MinimumIcuStays"/> stays gets pneumonias of people alive in its years, so that every
    /// system's feed has rows even for a small population. Uranus years only, whose diagnoses are ours to add.
    /// </summary>
    private void EnsureIcuStays()
    {
        foreach (var system in IcuSystems.All)
        {
            var stays = _records.Icu[system].Count(r => r.Item == IcuItem.Stay);
            for (var attempt = 0; stays < MinimumIcuStays && attempt < 200 && _records.People.Count > 0; attempt++)
            {
                var person = random.Pick(_records.People);
                var first = Max(person.FirstDay, new DateOnly(Math.Max(system.FromYear, CareCalendar.UranusFirstDay.Year), 1, 1));
                var last = Min(person.LastDay.AddDays(-10), new DateOnly(Math.Min(system.ToYear, CareCalendar.UranusInpatientTo), 12, 31));
                if (system.Children)
                    last = Min(last, person.Profile.BirthDate.AddYears(IcuSystems.ChildAge).AddDays(-10));
                else
                    first = Max(first, person.Profile.BirthDate.AddYears(IcuSystems.ChildAge));
                if (first > last)
                    continue;

                var day = SyntheticCalendar.Between(random, first, last);
                var encounter = NewEncounter(person, Pneumonia, day, first, last, VisitKind.Emergency, system);
                encounter.Discharge = day.AddDays(random.Next(5, 9)).ToDateTime(new TimeOnly(11, 0));
                Project(person, encounter);
                stays = _records.Icu[system].Count(r => r.Item == IcuItem.Stay);
            }
        }
    }

    /// <summary>
    /// Chemotherapy in Kemokur's years is rare in a small population; when nobody had a course, a
    /// cancer patient alive then gets one after the cancer's onset, if there is such a patient.
    /// </summary>
    private void EnsureChemotherapy()
    {
        if (_records.KemokurCourses.Count > 0)
            return;

        var candidates = _records.People
            .SelectMany(p => p.Onsets.Where(o => DrugCatalog.ChemotherapyFor(o.Key.Code) is not null).Select(o => (Person: p, Cancer: o.Key, Onset: o.Value)))
            .Where(c => c.Onset.Year <= CareCalendar.KemokurTo && DateOnly.FromDateTime(Max(c.Onset, new DateTime(CareCalendar.KemokurFrom, 1, 1))).AddDays(200) <= c.Person.LastDay)
            .ToList();
        if (candidates.Count == 0)
            return;

        var (person, cancer, onset) = random.Pick(candidates);
        AddChemotherapy(person, cancer, Max(onset, new DateTime(CareCalendar.KemokurFrom, 1, 1)));
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>A text feed with no sexual assault record gets one, so its exclusion filter is always exercised.</summary>
    private void EnsureSexualAssaultTexts(List<TextRecord> texts)
    {
        if (texts.Count == 0 || texts.Exists(t => t.Category is not null))
            return;

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var text = random.Pick(texts);
            var person = _records.People[text.Person];
            var time = text.Time.AddMinutes(random.Next(30, 120));
            if (TextsFor(time) == texts && person.Fits(time))
            {
                AddSexualAssaultText(person, text.Specialty, time);
                return;
            }
        }
    }
}
