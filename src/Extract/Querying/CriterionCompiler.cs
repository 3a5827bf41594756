using System.Globalization;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Specifications;

namespace Lake.Extract.Querying;

/// <summary>
/// Compiles a cohort's leaf criteria to parameterised DuckDB SQL. Codes go into temp tables through
/// the appender and are matched with hash joins (prefixes by their length), values and dates are
/// parameters, and the only names in the SQL text are the catalog's register and column names and
/// temp tables named by a counter: nothing a researcher wrote is pasted into a query.
/// </summary>
internal sealed class CriterionCompiler(LakeQuerySession session, DateOnly? periodFrom, DateOnly? periodTo)
{
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
                filter.Add("r.code_system IN ('ICD-10', 'ICD-10-CM')");
                filter.Add(Prefixes("code", d.Icd10.Select(c => CriterionCodes.TryIcd10Prefix(c, out var p) ? p : c)));
                if (d.Specialty.Count > 0)
                    filter.Add(Specialties(d.Specialty));
                break;
            case { Procedure: { } p }:
                filter.Add(Prefixes("procedure_code", p.Codes.Select(c => CriterionCodes.TryProcedurePrefix(c, out var canonical) ? canonical : c)));
                break;
            case { Medication: { } m }:
                filter.Add(Prefixes("atc_code", m.Atc.Select(c => CriterionCodes.TryAtcPrefix(c, out var canonical) ? canonical : c)));
                break;
            case { Laboratory: { } l }:
                filter.Add($"r.test_code IN (SELECT value FROM {Table(l.TestCodes)})");
                if (l.Min is { } min)
                    filter.Add($"r.result_value >= {Parameter(parameters, min)}");
                if (l.Max is { } max)
                    filter.Add($"r.result_value <= {Parameter(parameters, max)}");
                break;
            case { Visit: { Specialty.Count: > 0 } v }:
                filter.Add(Specialties(v.Specialty));
                break;
        }

        var registers = CohortTree.RegistersOf(leaf).Where(session.Snapshot.HasData).ToList();
        var scans = new List<CriterionScan>(registers.Count);
        foreach (var name in registers)
        {
            var register = RegisterCatalog.Get(name);
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

    /// <summary>Prefix match as hash joins, one per prefix length: a join per code would compare every row with every code.</summary>
    private string Prefixes(string column, IEnumerable<string> prefixes)
    {
        var distinct = prefixes.Distinct(StringComparer.Ordinal).ToList();
        var table = Table(distinct);
        var byLength = distinct.Select(p => p.Length).Distinct().Order().Select(length =>
        {
            var n = length.ToString(CultureInfo.InvariantCulture);
            return $"left(r.{SqlText.Identifier(column)}, {n}) IN (SELECT value FROM {table} WHERE length(value) = {n})";
        });
        return "(" + string.Join(" OR ", byLength) + ")";
    }

    private string Specialties(IEnumerable<string> names) =>
        $"lower(r.specialty) IN (SELECT value FROM {Table(names.Select(CriterionCodes.Specialty))})";

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
