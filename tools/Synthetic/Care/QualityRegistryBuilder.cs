using System.Globalization;
using Lake.Contracts.Registers;

namespace Lake.Synthetic.Care;

/// <summary>
/// Enrols people in the quality registries of the catalog, in proportion to each registry's size among
/// the catalog's 3.5 million patients: people with the registry's diagnosis first, at or after it, then
/// others of the right age and sex. Each member has an enrolment entry and yearly follow-ups.
/// </summary>
internal sealed class QualityRegistryBuilder(Random random)
{
    /// <summary>The patients the catalog's registry sizes are shares of.</summary>
    public const double CatalogPatients = 3_500_000;

    /// <summary>A registry smaller than this share still gets members, so that every registry's feed has rows.</summary>
    public const int MinimumMembers = 2;

    private static readonly string[] Sites = ["Meilahti", "Jorvi", "Peijas", "Töölö", "Hyvinkää", "Lohja", "Porvoo"];

    public IReadOnlyDictionary<string, List<RegistryRecord>> Build(IReadOnlyList<PersonCare> people)
    {
        var registries = new Dictionary<string, List<RegistryRecord>>(StringComparer.Ordinal);
        foreach (var registry in RegisterCatalog.Shipped.QualityRegistries)
            registries[registry.Name] = Enrol(registry, people);

        return registries;
    }

    private List<RegistryRecord> Enrol(RegisterDefinition registry, IReadOnlyList<PersonCare> people)
    {
        var rule = RegistryRules.For(registry.Name);
        var coverage = registry.Sources[0];
        var opens = new DateOnly(coverage.FromYear, 1, 1);
        var closes = coverage.ToYear is { } to ? new DateOnly(to, 12, 31) : SyntheticCalendar.Today;
        var preferred = new List<(PersonCare Person, DateOnly From, DateOnly To, string? Code)>();
        var others = new List<(PersonCare Person, DateOnly From, DateOnly To, string? Code)>();
        foreach (var person in people)
        {
            var profile = person.Profile;
            if (rule.Sex is { } sex && profile.Sex != sex)
                continue;

            var from = Max(Max(opens, person.FirstDay), profile.BirthDate.AddYears(rule.MinAge));
            var until = Min(Min(closes, person.LastDay), profile.BirthDate.AddYears(rule.MaxAge + 1).AddDays(-1));
            if (from > until)
                continue;

            var match = person.Diagnosed
                .Where(d => rule.Prefixes.Any(p => d.Code.Code.StartsWith(p, StringComparison.Ordinal)) && DateOnly.FromDateTime(d.Time) <= until)
                .OrderBy(d => d.Time)
                .Select(d => ((IcdCode, DateTime)?)d)
                .FirstOrDefault();
            if (match is { } found)
                preferred.Add((person, Max(from, DateOnly.FromDateTime(found.Item2)), until, found.Item1.Code));
            else
                others.Add((person, from, until, null));
        }

        var target = Math.Max(MinimumMembers, (int)Math.Round(people.Count * (registry.ApproximatePatients ?? 0) / CatalogPatients, MidpointRounding.AwayFromZero));
        random.Shuffle(preferred);
        random.Shuffle(others);
        var records = new List<RegistryRecord>();
        foreach (var (person, from, until, code) in preferred.Concat(others).Take(target).OrderBy(m => m.Person.Index))
            AddEntries(records, person, rule, code, from, until);

        return records;
    }

    private void AddEntries(List<RegistryRecord> records, PersonCare person, RegistryRule rule, string? code, DateOnly from, DateOnly until)
    {
        // Members with the diagnosis are enrolled within half a year of it; others any time.
        var enrolled = SyntheticCalendar.Between(random, from, code is null ? until : Min(until, from.AddDays(180)));
        var time = enrolled.ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(8 * 60));
        records.Add(new(person.Index, enrolled, time, "treating_unit", "HUS " + random.Pick(Sites)));
        if (code is not null)
            records.Add(new(person.Index, enrolled, time, "diagnosis", code));
        AddMeasures(records, person, rule, enrolled, time);

        for (var followUp = enrolled.AddDays(365 + random.Next(-30, 31)); followUp <= until; followUp = followUp.AddDays(365 + random.Next(-30, 31)))
        {
            if (random.Chance(0.7))
                AddMeasures(records, person, rule, enrolled, followUp.ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(8 * 60)));
        }
    }

    private void AddMeasures(List<RegistryRecord> records, PersonCare person, RegistryRule rule, DateOnly enrolled, DateTime time)
    {
        records.Add(new(person.Index, enrolled, time, "eq5d_index", random.Uniform(0.3, 1.0).ToString("F3", CultureInfo.InvariantCulture)));
        if (rule.Variable is { } variable)
        {
            var value = Math.Round(random.Uniform(variable.Min, variable.Max), variable.Decimals);
            records.Add(new(person.Index, enrolled, time, variable.Name, value.ToString("F" + variable.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
