using System.Globalization;
using Lake.Extract.Disclosure;
using Lake.Ingest.Profiling;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary>
/// Shows a feed scan. Frequent values help write a descriptor, but a value seen only a few times
/// can single out a patient, so the value of any count that <see cref="DisclosureControl"/> would
/// suppress is not shown; identity codes are never shown at all.
/// </summary>
internal static class ScanReport
{
    private const int ValuesShown = 6;

    public static void Print(FeedProfile profile, DisclosureControl disclosure)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(profile.FeedName)}[/]: {profile.RowsSampled:N0} rows sampled " +
            (profile.Truncated ? "from the start of the feed (raise --rows to read more)" : "(the whole feed)"));
        foreach (var reason in profile.Reasons)
            AnsiConsole.MarkupLine($"  {Markup.Escape(reason)}");
        AnsiConsole.MarkupLine(profile.IdentityColumn is { } identity
            ? $"  identity column: {Markup.Escape(identity)} ({profile.Columns.Single(c => c.Name == identity).IdentityCodeShare:P1} of its values are valid identity codes)"
            : "  identity column: [yellow]none found[/]; a system that sends local patient numbers needs a crosswalk");
        if (profile.RowsWithWrongFieldCount > 0)
            AnsiConsole.MarkupLine($"  [yellow]{profile.RowsWithWrongFieldCount:N0} rows[/] have a different number of fields than the header and were left out of the profile");

        var table = new Table().AddColumns("column", "type", "format", "not fitting", "empty", "distinct", "max length");
        foreach (var column in profile.Columns)
        {
            table.AddRow(
                Markup.Escape(column.Name),
                column.ValuesHidden ? "[bold]identity code[/]" : column.Type.ToString().ToLowerInvariant(),
                Markup.Escape(column.Format ?? (column.DecimalSeparator is { } separator ? $"decimal {separator}" : "")),
                column.NotFitting == 0 ? "" : $"[yellow]{column.NotFitting.ToString("N0", CultureInfo.InvariantCulture)}[/]",
                column.EmptyShare.ToString("P1", CultureInfo.InvariantCulture),
                (column.DistinctCapped ? "≥ " : "") + column.Distinct.ToString("N0", CultureInfo.InvariantCulture),
                column.MaxLength.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        if (profile.Columns.Any(c => c.NotFitting > 0))
            AnsiConsole.MarkupLine("Values 'not fitting' their column's type or format are what ingest would quarantine; 'lake sources try' shows them by line.");
        AnsiConsole.MarkupLine($"Frequent values (a value seen 1-{disclosure.Threshold} times is not shown):");
        foreach (var column in profile.Columns)
            AnsiConsole.MarkupLine($"  {Markup.Escape(column.Name)}: {FrequentValues(column, disclosure)}");
    }

    public static void PrintDraft(string draft)
    {
        AnsiConsole.MarkupLine("Draft descriptor (write it to a file with --out FILE):");
        // Plain output: the console must not wrap or reinterpret YAML.
        Console.Out.Write(draft);
        Console.Out.Flush();
    }

    public static void PrintWritten(string path) =>
        AnsiConsole.MarkupLine($"Draft descriptor written to {Markup.Escape(path)}. Replace its TODOs, then: lake sources validate {Markup.Escape(path)}");

    private static string FrequentValues(ColumnProfile column, DisclosureControl disclosure)
    {
        if (column.ValuesHidden)
            return "[grey]suppressed: identity codes are never shown[/]";

        var shown = column.TopValues.Where(v => !disclosure.Show(v.Count).IsSuppressed).Take(ValuesShown).ToList();
        if (shown.Count == 0)
            return column.Distinct == 0 ? "" : "[grey]none seen often enough to show[/]";

        var text = Markup.Escape(string.Join(", ", shown.Select(v => $"{Quote(v.Value)} ({v.Count.ToString("N0", CultureInfo.InvariantCulture)})")));
        return column.Distinct > shown.Count ? text + ", …" : text;
    }

    private static string Quote(string value) => value.Length <= 30 ? $"'{value}'" : $"'{value[..30]}…'";
}
