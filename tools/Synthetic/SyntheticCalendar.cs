namespace Lake.Synthetic;

/// <summary>
/// The fixed dates the synthetic lake is built around. "Today" is a constant, not the clock,
/// so the same seed writes the same bytes next year too.
/// </summary>
internal static class SyntheticCalendar
{
    public static readonly DateOnly Today = new(2025, 12, 31);

    public static readonly DateOnly FirstBirth = new(1930, 1, 1);

    public static readonly DateOnly LastBirth = new(2015, 12, 31);

    /// <summary>Apotti replaced Uranus for diagnoses from 2020 on.</summary>
    public static readonly DateOnly ApottiStart = new(2020, 1, 1);

    public static readonly DateOnly MultilabStart = new(2015, 1, 1);

    /// <summary>Uranus background rows were last touched between these dates; Uranus was retired after 2020.</summary>
    public static readonly DateOnly UranusUpdatedFrom = new(2004, 1, 1);

    public static readonly DateOnly UranusUpdatedTo = new(2020, 12, 31);

    public static DateOnly Between(Random random, DateOnly first, DateOnly last) =>
        first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));

    /// <summary>Moves a weekend day to the nearest weekday inside the window, for outpatient work.</summary>
    public static DateOnly ToWeekday(DateOnly day, DateOnly first, DateOnly last)
    {
        var back = day.DayOfWeek switch
        {
            DayOfWeek.Saturday => day.AddDays(-1),
            DayOfWeek.Sunday => day.AddDays(-2),
            _ => day,
        };
        if (back >= first)
            return back;

        var forward = day.DayOfWeek == DayOfWeek.Saturday ? day.AddDays(2) : day.AddDays(1);
        return forward <= last ? forward : day;
    }

    public static double AgeInYears(DateOnly birth, DateOnly at) => (at.DayNumber - birth.DayNumber) / 365.25;

    /// <summary>
    /// A day/month pair that no calendar has in <paramref name="year"/>: 30 or 31 February,
    /// 29 February of a common year, or the 31st of a 30-day month. Real exports contain
    /// exactly these, from free-text date fields and hand-fixed migrations.
    /// </summary>
    public static (int Day, int Month) ImpossibleDay(Random random, int year)
    {
        switch (random.Next(4))
        {
            case 0:
                return (30, 2);
            case 1:
                return (31, 2);
            case 2:
                return DateTime.IsLeapYear(year) ? (30, 2) : (29, 2);
            default:
                ReadOnlySpan<int> thirtyDayMonths = [4, 6, 9, 11];
                return (31, thirtyDayMonths[random.Next(thirtyDayMonths.Length)]);
        }
    }
}
