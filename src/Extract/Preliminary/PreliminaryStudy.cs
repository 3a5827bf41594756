using System.Globalization;
using Lake.Contracts.Extraction;
using System.Text.Json;
using Lake.Contracts.Registers;
using Lake.Extract.Audit;
using Lake.Extract.Disclosure;
using Lake.Extract.Querying;
using Lake.Pseudonymization;

namespace Lake.Extract.Preliminary;

/// <summary>
/// Answers a preliminary study: no permit, so nothing leaves but counts, and every count goes
/// through <see cref="DisclosureControl"/> before it is returned.
/// </summary>
public sealed class PreliminaryStudy(LakeQuerySession session, Pseudonymizer pseudonymizer, DisclosureControl disclosure, AuditLog audit, DifferencingLedger ledger)
{
    private static readonly (string Label, int From, int To)[] AgeBands =
        [("0-17", 0, 17), ("18-39", 18, 39), ("40-64", 40, 64), ("65-79", 65, 79), ("80+", 80, 200)];

    /// <summary>Answers the study for <paramref name="user"/>; the true counts go to the audit log and nowhere else.</summary>
    public PreliminaryReport Run(StudySpecification specification, string user)
    {
        var members = new CohortSelector(session, pseudonymizer).Select(specification.Cohort);
        // Ledger tokens are study pseudonyms of a study of its own: keyed, unlinkable to deliveries.
        var tokens = members.Select(m => BitConverter.ToUInt64(pseudonymizer.StudyPseudonym(LedgerStudy, m.Identity).ToByteArray(), 0)).ToList();
        if (ledger.Refusal(user, tokens, disclosure.Threshold) is { } refusal)
        {
            audit.Append(user, "study.preliminary", Shorten(specification.Title), "refused", $"differencing: {refusal}; true cohort {members.Count}");
            throw new PreliminaryRefusedException(refusal);
        }

        ledger.Record(user, Shorten(specification.Title), tokens);
        _trueCounts.Clear();
        _trueCounts["cohort"] = members.Count;
        var registers = specification.Datasets.Count > 0
            ? specification.Datasets.Select(d => d.Register).ToList()
            : RegisterCatalog.All.Where(r => session.Snapshot.HasData(r.Name)).Select(r => r.Name).ToList();

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
        audit.Append(user, "study.preliminary", Shorten(specification.Title), "answered",
            $"true counts (not shown to the user): {JsonSerializer.Serialize(_trueCounts)}; specification: {JsonSerializer.Serialize(specification.Cohort)}");
        return report;
    }

    /// <summary>The key ring's study whose key makes the ledger's tokens.</summary>
    public const string LedgerStudy = "preliminary-ledger";

    private readonly Dictionary<string, long> _trueCounts = new(StringComparer.Ordinal);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80];

    /// <summary>
    /// Rows the register holds for the cohort by year; within a requested dataset's period, filters,
    /// terms and specialties, so the volumes (and the cost estimate built on them) are those of the request.
    /// </summary>
    private RegisterAvailability Availability(string registerName, IReadOnlyList<CohortMember> members, DatasetRequest? dataset)
    {
        var register = RegisterCatalog.Get(registerName);
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
