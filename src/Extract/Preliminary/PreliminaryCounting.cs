using System.Globalization;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Disclosure;
using Lake.Extract.Querying;
using Lake.Pseudonymization;

namespace Lake.Extract.Preliminary;

/// <summary>
/// The counting of a preliminary study: selects the cohort and counts it and its data, every count
/// through <see cref="DisclosureControl"/> before it is shown. The true counts come back beside the
/// report for the caller's audit log; who may ask, and the differencing ledger, are the
/// coordinator's (Lake.Coordinator.Preliminary.PreliminaryStudy), so the engine keeps no database.
/// </summary>
public sealed class PreliminaryCounting(LakeQuerySession session, Pseudonymizer pseudonymizer, DisclosureControl disclosure)
{
    private static readonly (string Label, int From, int To)[] AgeBands =
        [("0-17", 0, 17), ("18-39", 18, 39), ("40-64", 40, 64), ("65-79", 65, 79), ("80+", 80, 200)];

    /// <summary>The cohort's members, selected once and handed to <see cref="Count"/>.</summary>
    public IReadOnlyList<CohortMember> SelectCohort(StudySpecification specification) =>
        new CohortSelector(session, pseudonymizer).Select(specification.Cohort);

    /// <summary>The report, with disclosure control applied, and the true counts it was made from (for the audit log only).</summary>
    public (PreliminaryReport Report, IReadOnlyDictionary<string, long> TrueCounts) Count(StudySpecification specification, IReadOnlyList<CohortMember> members)
    {
        _trueCounts.Clear();
        _trueCounts["cohort"] = members.Count;
        var registers = specification.Datasets.Count > 0
            ? specification.Datasets.Select(d => d.Register).ToList()
            : session.Snapshot.Registers.All.Where(r => session.Snapshot.HasData(r.Name)).Select(r => r.Name).ToList();

        var report = new PreliminaryReport
        {
            Title = specification.Title,
            SuppressionThreshold = disclosure.Threshold,
            CohortSize = disclosure.Show(members.Count),
            ByIndexYear = Breakdown("index_year", members.GroupBy(m => m.IndexTime.Year.ToString(CultureInfo.InvariantCulture)).OrderBy(g => g.Key).Select(g => (g.Key, (long)g.Count()))),
            BySex = Breakdown("sex", new[] { "female", "male" }.Select(s => (s, (long)members.Count(m => m.Sex == s))).Append(("unknown", members.Count(m => m.Sex is null)))),
            ByAgeBand = Breakdown("age_band", AgeBands.Select(b => (b.Label, (long)members.Count(m => m.AgeAtIndex >= b.From && m.AgeAtIndex <= b.To))).Append(("unknown", members.Count(m => m.AgeAtIndex is null)))),
            Availability = registers.Select(r => Availability(r, members, specification.Datasets.FirstOrDefault(d => d.Register == r))).ToList(),
        };
        return (report, new Dictionary<string, long>(_trueCounts, StringComparer.Ordinal));
    }

    private readonly Dictionary<string, long> _trueCounts = new(StringComparer.Ordinal);

    /// <summary>
    /// Rows the register holds for the cohort by year; within a requested dataset's period, filters,
    /// terms and specialties, so the volumes (and the cost estimate built on them) are those of the request.
    /// </summary>
    private RegisterAvailability Availability(string registerName, IReadOnlyList<CohortMember> members, DatasetRequest? dataset)
    {
        var register = session.Snapshot.Registers.Get(registerName);
        if (members.Count == 0 || !session.Snapshot.HasData(registerName))
            return new RegisterAvailability(registerName, disclosure.Show(0), []);

        var map = PseudonymMap.Load(session, registerName, members, pseudonymizer);
        var year = register.EventColumn is null ? "NULL" : $"year(r.{SqlText.Identifier(register.EventColumn)})";
        var parameters = new List<object?>();
        var conditions = new List<string>();
        if (dataset is not null)
        {
            if (register.EventColumn is not null && (dataset.From is not null || dataset.To is not null))
            {
                conditions.Add($"r.{SqlText.Identifier(register.EventColumn)} >= $1 AND r.{SqlText.Identifier(register.EventColumn)} < $2");
                parameters.Add(dataset.From?.ToDateTime(TimeOnly.MinValue) ?? new DateTime(1900, 1, 1));
                parameters.Add(dataset.To?.AddDays(1).ToDateTime(TimeOnly.MinValue) ?? new DateTime(2101, 1, 1));
            }

            conditions.AddRange(Delivery.DatasetConditions.For(register, dataset, parameters));
        }

        using var command = session.Command(
            $"""
            SELECT {year} AS y, count(*) FROM {SqlText.Identifier(registerName)} r
            JOIN {SqlText.Identifier(map)} m ON r.pseudonym = m.pseudonym AND r.key_id = m.key_id
            {(conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions))}
            GROUP BY y ORDER BY y
            """,
            [.. parameters]);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
            rows.Add((reader.IsDBNull(0) ? "all" : reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetInt64(1)));

        _trueCounts["rows." + registerName] = rows.Sum(r => r.Item2);
        return new RegisterAvailability(registerName, disclosure.Show(rows.Sum(r => r.Item2)), Breakdown("rows." + registerName, rows));
    }

    private List<(string, ShownCount)> Breakdown(string name, IEnumerable<(string Label, long Count)> cells)
    {
        var list = cells.ToList();
        foreach (var (label, count) in list)
            _trueCounts[$"{name}.{label}"] = count;
        var shown = disclosure.ShowBreakdown(list.Select(c => c.Count).ToList());
        return list.Select((c, i) => (c.Label, shown[i])).ToList();
    }
}
