using System.Globalization;
using System.Text;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;

namespace Lake.Extract.Delivery;

/// <summary>
/// SQL conditions for a dataset's filters, search terms and specialties, over the register aliased
/// r. Column names come from the catalog (the validator checked them); every value is appended to
/// the parameters and referred to by position.
/// </summary>
internal static class DatasetConditions
{
    public static IEnumerable<string> For(RegisterDefinition register, DatasetRequest dataset, List<object?> parameters)
    {
        foreach (var filter in dataset.Filters)
        {
            var column = register.FindColumn(filter.Column)!;
            var name = "r." + SqlText.Identifier(column.Name);
            if (filter.In.Count > 0)
            {
                var values = filter.In.Select(v => column.Type is ColumnType.BigInt or ColumnType.Integer ? long.Parse(v, CultureInfo.InvariantCulture) : (object)v);
                yield return $"{name} IN ({string.Join(", ", values.Select(v => Parameter(parameters, v)))})";
            }

            if (filter.Min is { } min)
                yield return $"{name} >= {Parameter(parameters, min)}";
            if (filter.Max is { } max)
                yield return $"{name} <= {Parameter(parameters, max)}";
        }

        if (dataset.Specialties.Count > 0)
            yield return $"lower(r.specialty) IN ({string.Join(", ", dataset.Specialties.Select(s => Parameter(parameters, s.Trim().ToLowerInvariant())))})";
        if (dataset.Terms.Count > 0)
            yield return $"regexp_matches(r.text, {Parameter(parameters, TermPattern(dataset.Terms))})";
    }

    /// <summary>
    /// One RE2 pattern for all terms: a word starting with any of them, in any letter case. Every
    /// character that is not a letter, digit or space is escaped, so a term is only ever literal text.
    /// Word starts are found with Unicode classes; RE2's \b knows only ASCII and would miss äiti.
    /// </summary>
    public static string TermPattern(IEnumerable<string> terms)
    {
        var pattern = new StringBuilder(@"(?i)(?:^|[^\p{L}\p{N}])(?:");
        foreach (var (term, i) in terms.Select((t, i) => (t.Trim(), i)))
        {
            if (i > 0)
                pattern.Append('|');
            foreach (var c in term)
            {
                if (!char.IsLetterOrDigit(c) && c != ' ')
                    pattern.Append('\\');
                pattern.Append(c);
            }
        }

        return pattern.Append(')').ToString();
    }

    private static string Parameter(List<object?> parameters, object value)
    {
        parameters.Add(value);
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }
}
