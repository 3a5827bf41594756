using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Writes the start of a source descriptor from a scan: the format as found, the identity column,
/// and one mapping per feed column with its date format or decimal comma. What a scan cannot know
/// (system, register, which register column each feed column fills) is left as TODO, so the draft
/// fails validation, with a line for each TODO, until a person has decided.
/// </summary>
public static partial class DraftDescriptorWriter
{
    private const int CommentColumn = 56;

    public static string Write(FeedProfile profile)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"# Draft source descriptor for {profile.FeedName}, written by 'lake sources scan' from {profile.RowsSampled:N0} sampled rows.");
        yaml.AppendLine("# Replace every TODO, then check it: lake sources validate FILE; lake sources try FILE FEED.");
        Line(yaml, "system: TODO", "the source system as the dataset catalog spells it");
        Line(yaml, "register: TODO", "the register the feed fills; 'lake registers' lists them");
        yaml.AppendLine("description: TODO");
        Years(yaml, profile);
        yaml.AppendLine("format:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  kind: {profile.Kind}");
        if (profile.Delimiter is { } delimiter)
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  delimiter: {(delimiter == "tab" ? "tab" : Quoted(delimiter))}");
        if (profile.Kind == "fixed_width")
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  header: {(profile.Header ? "true" : "false")}");
            yaml.AppendLine("  fields:");
            foreach (var field in profile.Fields)
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    - {{ name: {Scalar(field.Name)}, start: {field.Start}, length: {field.Length} }}");
            yaml.AppendLine("    # TODO: the other fields, from the system's record layout: name, start (1-based) and length.");
        }

        if (profile.Kind == "delimited")
        {
            if (profile.Header)
                yaml.AppendLine("  header: true");
            else
                Line(yaml, "  header: false", "TODO: the feed has no header row; Lake needs one to match columns by name");
        }

        yaml.AppendLine(CultureInfo.InvariantCulture, $"  encoding: {profile.Encoding}");
        if (profile.Compression == "gzip")
            yaml.AppendLine("  compression: gzip");

        var identity = profile.Columns.FirstOrDefault(c => c.Name == profile.IdentityColumn);
        if (identity is null)
            Line(yaml, "identity: TODO", "no column holds identity codes; name it, or map a local number through a crosswalk");
        else
            Line(yaml, $"identity: {Scalar(identity.Name)}", $"{identity.IdentityCodeShare:P1} of the values are valid identity codes");

        var mappable = profile.Columns.Where(c => c != identity).ToList();
        if (mappable.Count == 0)
        {
            // An empty mapping rather than nothing: 'columns:' alone would read as no columns at all.
            Line(yaml, "columns: {}", "TODO: map the register's columns to feed fields once they are known");
            return yaml.ToString();
        }

        yaml.AppendLine("columns:");
        yaml.AppendLine("  # TODO: rename each key to the register column it fills ('lake sources show FILE' lists them once");
        yaml.AppendLine("  # 'register' is set), and delete the feed columns the register does not keep.");
        foreach (var column in mappable)
            Column(yaml, column);
        return yaml.ToString();
    }

    private static void Years(StringBuilder yaml, FeedProfile profile)
    {
        // Time stamps usually date the events; dates may be birth dates, which say nothing of coverage.
        var dated = profile.Columns.Where(c => c.Type == InferredType.Timestamp && c.MinYear is not null).ToList();
        if (dated.Count == 0)
            dated = profile.Columns.Where(c => c.Type == InferredType.Date && c.MinYear is not null).ToList();
        if (dated.Count == 0)
        {
            Line(yaml, "years: { from: 0 }", "TODO: the years the system covers; no dates in the sample");
            return;
        }

        int from = dated.Min(c => c.MinYear!.Value), to = dated.Max(c => c.MaxYear!.Value);
        Line(yaml, $"years: {{ from: {from} }}", $"TODO: the years the system covers; sampled dates run {from}-{to}");
    }

    private static void Column(StringBuilder yaml, ColumnProfile column)
    {
        var key = KeyFor(column.Name);
        if (column.ValuesHidden)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  # {column.Name} holds identity codes: never map it to a register column.");
            return;
        }

        if (column.Type == InferredType.Empty)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  # {key}: {{ from: {Scalar(column.Name)} }}   # always empty in the sample");
            return;
        }

        var settings = new List<string> { $"from: {Scalar(column.Name)}" };
        if (column.Format is { } format)
            settings.Add($"format: {Quoted(format)}");
        if (column.DecimalSeparator == "comma")
            settings.Add("decimal: comma");

        var type = column.Type switch
        {
            InferredType.Date or InferredType.Timestamp => $"{Describe(column.Type)} {column.MinYear}-{column.MaxYear}",
            InferredType.Decimal => $"decimal with a {column.DecimalSeparator}",
            _ => Describe(column.Type),
        };
        var distinct = column.DistinctCapped ? $"{column.Distinct:N0}+ distinct" : $"{column.Distinct:N0} distinct";
        var misfits = column.NotFitting switch { 0 => "", 1 => ", 1 value does not fit", _ => $", {column.NotFitting:N0} values do not fit" };
        var empty = column.Empty == 0 ? "never empty" : $"{column.EmptyShare:P1} empty";
        Line(yaml, $"  {key}: {{ {string.Join(", ", settings)} }}", $"{type}{misfits}, {empty}, {distinct}");
    }

    private static void Line(StringBuilder yaml, string setting, string comment) =>
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{setting.PadRight(CommentColumn - 3)}   # {comment}");

    private static string Describe(InferredType type) => type.ToString().ToLowerInvariant();

    /// <summary>Register columns are lower-case snake case; a feed's name becomes the nearest such key.</summary>
    private static string KeyFor(string feedColumn)
    {
        var folded = feedColumn.Trim().ToLowerInvariant().Replace('ä', 'a').Replace('ö', 'o').Replace('å', 'a');
        var key = NotKeyCharacters().Replace(folded, "_").Trim('_');
        return key.Length == 0 || !char.IsAsciiLetter(key[0]) ? Quoted("TODO " + feedColumn) : key;
    }

    // Plain words YAML would read as a boolean or null are quoted too.
    private static string Scalar(string text) =>
        PlainScalar().IsMatch(text) && text.ToLowerInvariant() is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off") ? text : Quoted(text);

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotKeyCharacters();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainScalar();
}
