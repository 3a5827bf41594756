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
    /// <summary>The study whose key makes the differencing ledger's tokens: keyed, unlinkable to deliveries.</summary>
    public const string LedgerStudy = "preliminary-ledger";

    private static readonly (string Label, int From, int To)[] AgeBands =
        [("0-17", 0, 17), ("18-39", 18, 39), ("40-64", 40, 64), ("65-79", 65, 79), ("80+", 80, 200)];

    /// <summary>
    /// The whole answer: the cohort selected and counted, and every shown count's persons as ledger
    /// tokens, so what leaves this class names no lake identity.
    /// </summary>
    public PreliminaryAnswer Answer(StudySpecification specification)
    {
        var members = SelectCohort(specification);
        var counted = Count(specification, members);
        var tokens = members.Select(m => BitConverter.ToUInt64(pseudonymizer.StudyPseudonym(LedgerStudy, m.Identity).ToByteArray(), 0)).ToArray();
        var cells = counted.ShownCells.ToDictionary(c => c.Key, c => (IReadOnlyCollection<ulong>)[.. c.Value.Select(i => tokens[i])], StringComparer.Ordinal);
        return new PreliminaryAnswer(counted.Report, counted.TrueCounts, cells);
    }

    /// <summary>The cohort's members, selected once and handed to <see cref="Count"/>.</summary>
    public IReadOnlyList<CohortMember> SelectCohort(StudySpecification specification) =>
        new CohortSelector(session, pseudonymizer).Select(specification.Cohort);

    /// <summary>
    /// The report, with disclosure control applied; the true counts it was made from (for the audit
    /// log only); and, for every count shown, the members it counts (indices into
    /// <paramref name="members"/>), which the differencing ledger compares with earlier answers.
    /// </summary>
    public PreliminaryCount Count(StudySpecification specification, IReadOnlyList<CohortMember> members)
    {
        _trueCounts.Clear();
        _shownCells.Clear();
        _trueCounts["cohort"] = members.Count;
        // Everything said about a cohort of a few persons would describe those few.
        _smallCohort = disclosure.IsSmallGroup(members.Count);
        var registers = specification.Datasets.Count > 0
            ? specification.Datasets.Select(d => d.Register).ToList()
            : session.Snapshot.Registers.All.Where(r => session.Snapshot.HasData(r.Name)).Select(r => r.Name).ToList();

        var everyone = Enumerable.Range(0, members.Count).ToList();
        var cohortSize = disclosure.Show(members.Count);
        if (!cohortSize.IsSuppressed)
            _shownCells["cohort"] = everyone;
        var report = new PreliminaryReport
        {
            Title = specification.Title,
            SuppressionThreshold = disclosure.Threshold,
            PolicyVersion = disclosure.Policy.Version,
            CohortSize = cohortSize,
            ByIndexYear = Breakdown("index_year", everyone.GroupBy(i => members[i].IndexTime.Year.ToString(CultureInfo.InvariantCulture)).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList()))),
            BySex = Breakdown("sex", new[] { "female", "male" }.Select(s => (s, everyone.Where(i => members[i].Sex == s).ToList())).Append(("unknown", everyone.Where(i => members[i].Sex is null).ToList()))),
            ByAgeBand = Breakdown("age_band", AgeBands.Select(b => (b.Label, everyone.Where(i => members[i].AgeAtIndex >= b.From && members[i].AgeAtIndex <= b.To).ToList())).Append(("unknown", everyone.Where(i => members[i].AgeAtIndex is null).ToList()))),
            Availability = registers.Select(r => Availability(r, members, specification.Datasets.FirstOrDefault(d => d.Register == r))).ToList(),
        };
        return new PreliminaryCount(report, new Dictionary<string, long>(_trueCounts, StringComparer.Ordinal), _shownCells.ToDictionary(c => c.Key, c => (IReadOnlyList<int>)c.Value, StringComparer.Ordinal));
    }

    private readonly Dictionary<string, long> _trueCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _shownCells = new(StringComparer.Ordinal);
    private bool _smallCohort;

    /// <summary>
    /// Rows the register holds for the cohort by year; within a requested dataset's period, filters,
    /// terms and specialties, so the volumes (and the cost estimate built on them) are those of the request.
    /// A row count is shown only where more persons than the threshold have the rows: otherwise
    /// moving a filter would reveal, row by row, what a few persons' records hold.
    /// </summary>
    private RegisterAvailability Availability(string registerName, IReadOnlyList<CohortMember> members, DatasetRequest? dataset)
    {
        var register = session.Snapshot.Registers.Get(registerName);
        if (members.Count == 0 || !session.Snapshot.HasData(registerName))
            return new RegisterAvailability(registerName, _smallCohort ? disclosure.HideForGroup() : disclosure.Show(0), []);

        var map = PseudonymMap.Load(session, registerName, members, pseudonymizer);
        var year = register.EventColumn is null ? "NULL" : $"year(r.{SqlText.Identifier(register.EventColumn)})";
        var parameters = new List<object?>();
        var period = "";
        if (register.EventColumn is not null)
        {
            period = $"WHERE r.{SqlText.Identifier(register.EventColumn)} >= $1 AND r.{SqlText.Identifier(register.EventColumn)} < $2";
            parameters.Add(dataset?.From?.ToDateTime(TimeOnly.MinValue) ?? new DateTime(1900, 1, 1));
            parameters.Add(dataset?.To?.AddDays(1).ToDateTime(TimeOnly.MinValue) ?? new DateTime(2101, 1, 1));
        }

        var chosen = dataset is null ? "" : string.Concat(Delivery.DatasetConditions.For(register, dataset, parameters).Select(c => " AND " + c));

        // The rows a delivery would hold: one copy of an event two systems sent, and the filters
        // judged on that copy, in the order RegisterQuery applies them.
        using var command = session.Command(
            $"""
            SELECT y, member, count(*) FROM (
                SELECT {year} AS y, m.member FROM {SqlText.Identifier(registerName)} r
                JOIN {SqlText.Identifier(map)} m ON r.pseudonym = m.pseudonym AND r.key_id = m.key_id
                {period}
                QUALIFY {OverlappingSources.DeliveredCopy(register)}{chosen}
            )
            GROUP BY y, member ORDER BY y
            """,
            [.. parameters]);
        using var reader = command.ExecuteReader();
        var years = new SortedDictionary<string, (long Rows, HashSet<int> Persons)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var label = reader.IsDBNull(0) ? "all" : reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            if (!years.TryGetValue(label, out var cell))
                years[label] = cell = (0, []);
            cell.Persons.Add(reader.GetInt32(1));
            years[label] = (cell.Rows + reader.GetInt64(2), cell.Persons);
        }

        var name = "rows." + registerName;
        var rows = years.Values.Sum(c => c.Rows);
        var persons = years.Values.SelectMany(c => c.Persons).ToHashSet();
        _trueCounts[name] = rows;
        foreach (var (label, cell) in years)
            _trueCounts[$"{name}.{label}"] = cell.Rows;

        if (_smallCohort)
            return new RegisterAvailability(registerName, disclosure.HideForGroup(), years.Keys.Select(y => (y, disclosure.HideForGroup())).ToList());

        var total = rows > 0 && disclosure.IsSmallGroup(persons.Count) ? disclosure.HideForGroup() : new ShownCount(rows, disclosure.Threshold);
        if (!total.IsSuppressed)
            _shownCells[name] = [.. persons.Order()];
        var shown = disclosure.ShowBreakdown(years.Values.Select(c => c.Rows).ToList(), years.Values.Select(c => disclosure.IsSmallGroup(c.Persons.Count)).ToList());
        var byYear = years.Select((c, i) => (c.Key, shown[i])).ToList();
        foreach (var (label, count) in byYear.Where(c => !c.Item2.IsSuppressed))
            _shownCells[$"{name}.{label}"] = [.. years[label].Persons.Order()];
        return new RegisterAvailability(registerName, total, byYear);
    }

    private List<(string, ShownCount)> Breakdown(string name, IEnumerable<(string Label, List<int> Members)> cells)
    {
        var list = cells.ToList();
        foreach (var (label, group) in list)
            _trueCounts[$"{name}.{label}"] = group.Count;
        var shown = _smallCohort ? disclosure.HideAll(list.Count) : disclosure.ShowBreakdown(list.Select(c => (long)c.Members.Count).ToList());
        for (var i = 0; i < list.Count; i++)
        {
            if (!shown[i].IsSuppressed)
                _shownCells[$"{name}.{list[i].Label}"] = list[i].Members;
        }

        return list.Select((c, i) => (c.Label, shown[i])).ToList();
    }
}
