using System.Globalization;
using Lake.Contracts.Codes;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Specifications;

namespace Lake.Extract.Querying;

/// <summary>
/// Compiles a cohort's leaf criteria to parameterised DuckDB SQL. Short code lists are parameters,
/// long ones go into temp tables through the appender and are matched with hash joins (prefixes by
/// their length); values and dates are parameters, and the only names in the SQL text are the
/// catalog's register and column names and temp tables named by a counter: nothing a researcher
/// wrote is pasted into a query.
/// </summary>
internal sealed class CriterionCompiler(LakeQuerySession session, DateOnly? periodFrom, DateOnly? periodTo)
{
    /// <summary>
    /// Up to this many codes are parameters: DuckDB pushes a comparison with a parameter into the
    /// Parquet scan, which then reads the other columns only for matching rows; a join with a temp
    /// table reads them for every row. On 10M laboratory rows one test code as a parameter took about
    /// half the time of the join. Beyond this, one hash join beats a long chain of comparisons.
    /// </summary>
    public const int MaxParameterCodes = 16;

    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    private int _tables;

    /// <summary>The scans of a leaf over those of its registers that have data; none means nobody matches.</summary>
    public IReadOnlyList<CriterionScan> Compile(CohortCriterion leaf)
    {
        var (window, _) = CohortTree.EventOf(leaf) ?? throw new ArgumentException("An identity list has no register to scan.", nameof(leaf));
        var filter = new List<string>();
        var parameters = new List<object>();
        switch (leaf)
        {
            case { Diagnosis: { } d }:
                filter.Add($"r.code_system IN ({SqlText.Literal(CodeSystems.Icd10)}, {SqlText.Literal(CodeSystems.Icd10Cm)})");
                filter.Add(Prefixes("code", d.Icd10.Select(c => CriterionCodes.TryIcd10Prefix(c, out var p) ? p : c), parameters));
                if (d.Specialty.Count > 0)
                    filter.Add(Specialties(d.Specialty, parameters));
                break;
            case { Procedure: { } p }:
                filter.Add(Prefixes("procedure_code", p.Codes.Select(c => CriterionCodes.TryProcedurePrefix(c, out var canonical) ? canonical : c), parameters));
                break;
            case { Medication: { } m }:
                filter.Add(Prefixes("atc_code", m.Atc.Select(c => CriterionCodes.TryAtcPrefix(c, out var canonical) ? canonical : c), parameters));
                break;
            case { Laboratory: { } l }:
                filter.Add(OneOf("test_code", l.TestCodes, parameters));
                if (l.Min is { } min)
                    filter.Add($"r.result_value >= {Parameter(parameters, min)}");
                if (l.Max is { } max)
                    filter.Add($"r.result_value <= {Parameter(parameters, max)}");
                break;
            case { Measurement: { } m }:
                // The register file names the columns; the validator made sure it has them.
                var columns = session.Snapshot.Registers.Get(m.Register).Measurement!;
                filter.Add(OneOf(columns.Code, m.Codes, parameters));
                if (m.Min is { } low)
                    filter.Add($"r.{SqlText.Identifier(columns.Value)} >= {Parameter(parameters, low)}");
                if (m.Max is { } high)
                    filter.Add($"r.{SqlText.Identifier(columns.Value)} <= {Parameter(parameters, high)}");
                break;
            case { Visit: { Specialty.Count: > 0 } v }:
                filter.Add(Specialties(v.Specialty, parameters));
                break;
        }

        var registers = CohortTree.RegistersOf(leaf).Where(session.Snapshot.HasData).ToList();
        var scans = new List<CriterionScan>(registers.Count);
        foreach (var name in registers)
        {
            var register = session.Snapshot.Registers.Get(name);
            // Quality registries date membership by enrolment, not by each recorded variable.
            var eventTime = register.Kind == RegisterKind.QualityRegistry
                ? "CAST(r.enrolled AS TIMESTAMP)"
                : "r." + SqlText.Identifier(register.EventColumn!);
            var bounds = new List<object>(parameters);
            var from = Later(periodFrom, window.From).ToDateTime(TimeOnly.MinValue);
            var until = Earlier(periodTo, window.To).AddDays(1).ToDateTime(TimeOnly.MinValue);
            var dated = $"{eventTime} >= {Parameter(bounds, from)} AND {eventTime} < {Parameter(bounds, until)}";
            scans.Add(new CriterionScan(name, eventTime, string.Join(" AND ", filter.Append(dated)), bounds));
        }

        return scans;
    }

    /// <summary>
    /// Prefix match: a few as starts_with over parameters, more as hash joins, one per prefix length,
    /// since a join per code would compare every row with every code.
    /// </summary>
    private string Prefixes(string column, IEnumerable<string> prefixes, List<object> parameters)
    {
        var distinct = prefixes.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count <= MaxParameterCodes)
            return "(" + string.Join(" OR ", distinct.Select(p => $"starts_with(r.{SqlText.Identifier(column)}, {Parameter(parameters, p)})")) + ")";

        var table = Table(distinct);
        var byLength = distinct.Select(p => p.Length).Distinct().Order().Select(length =>
        {
            var n = length.ToString(CultureInfo.InvariantCulture);
            return $"left(r.{SqlText.Identifier(column)}, {n}) IN (SELECT value FROM {table} WHERE length(value) = {n})";
        });
        return "(" + string.Join(" OR ", byLength) + ")";
    }

    private string Specialties(IEnumerable<string> names, List<object> parameters) =>
        OneOf("specialty", names.Select(CriterionCodes.Specialty), parameters, lowerCase: true);

    /// <summary>Exact match, over parameters or, for a long list, a temp table.</summary>
    private string OneOf(string column, IEnumerable<string> values, List<object> parameters, bool lowerCase = false)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        var compared = lowerCase ? $"lower(r.{SqlText.Identifier(column)})" : $"r.{SqlText.Identifier(column)}";
        return distinct.Count <= MaxParameterCodes
            ? $"{compared} IN ({string.Join(", ", distinct.Select(v => Parameter(parameters, v)))})"
            : $"{compared} IN (SELECT value FROM {Table(distinct)})";
    }

    /// <summary>A temp table of values, filled through the appender so no value passes through SQL text.</summary>
    private string Table(IEnumerable<string> values)
    {
        var name = "criterion_values_" + (++_tables).ToString(CultureInfo.InvariantCulture);
        session.Execute($"CREATE OR REPLACE TEMP TABLE {SqlText.Identifier(name)} (value VARCHAR)");
        using (var appender = session.Connection.CreateAppender("temp", "main", name))
        {
            foreach (var value in values.Distinct(StringComparer.Ordinal))
                appender.CreateRow().AppendValue(value).EndRow();
        }

        return SqlText.Identifier(name);
    }

    private static string Parameter(List<object> parameters, object value)
    {
        parameters.Add(value);
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    private static DateOnly Later(DateOnly? a, DateOnly? b) => (a, b) switch
    {
        ({ } x, { } y) => x > y ? x : y,
        _ => a ?? b ?? Earliest,
    };

    private static DateOnly Earlier(DateOnly? a, DateOnly? b) => (a, b) switch
    {
        ({ } x, { } y) => x < y ? x : y,
        _ => a ?? b ?? Latest,
    };
}
