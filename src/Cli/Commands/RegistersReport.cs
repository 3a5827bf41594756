using System.Globalization;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Contracts.Yaml;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary>The registers, one register, and register changes, as tables for people.</summary>
internal static class RegistersReport
{
    public static void PrintList(RegisterCatalog registers)
    {
        var table = new Table().AddColumns("register", "version", "title", "sources");
        foreach (var register in registers.PatientRegisters)
            table.AddRow(Esc(register.Name), Number(register.Version), Esc(register.Title), Esc(string.Join("; ", register.Sources.Select(s => $"{s.System} {SourcesReport.Describe(s)}"))));
        var registries = registers.QualityRegistries.ToList();
        table.AddRow("qr_*", "", $"{registries.Count} clinical quality registries", "each registry itself; 'lake registers show qr_NAME' shows one");
        AnsiConsole.Write(table);
    }

    public static object ListJson(RegisterCatalog registers) => new
    {
        registers = registers.All.Select(r => new
        {
            name = r.Name,
            version = r.Version,
            title = r.Title,
            kind = r.Kind,
            sources = r.Sources.Select(s => new { system = s.System, from = s.FromYear, to = s.ToYear, partial = s.Partial, volume = s.Volume }),
        }),
    };

    public static object ShowJson(RegisterDefinition register, IReadOnlyList<int> versionsHeld, Extract.Querying.LakeSnapshot snapshot) => new
    {
        name = register.Name,
        version = register.Version,
        title = register.Title,
        description = register.Description,
        kind = register.Kind,
        eventColumn = register.EventColumn,
        endColumn = register.EndColumn,
        partitionByYear = register.PartitionByYear,
        neverCombinedWith = register.NeverCombinedWith,
        sources = register.Sources.Select(s => new { system = s.System, from = s.FromYear, to = s.ToYear, partial = s.Partial, volume = s.Volume }),
        batches = snapshot.BatchesOf(register.Name).Count(),
        versionsKept = versionsHeld,
        columns = register.Columns.Select(c => new
        {
            name = c.Name,
            type = RegisterFileReader.TypeName(c),
            unit = c.Unit,
            required = c.Required,
            freeText = c.FreeText,
            deprecated = c.Deprecated,
            aliases = c.Aliases,
            description = c.Description,
        }),
    };

    public static void PrintShow(RegisterDefinition register, IReadOnlyList<int> versionsHeld, Extract.Querying.LakeSnapshot snapshot)
    {
        AnsiConsole.MarkupLine($"[bold]{Esc(register.Name)}[/] version {register.Version}: {Esc(register.Title)}");
        AnsiConsole.MarkupLine(Esc(register.Description));
        var facts = new Table().HideHeaders().AddColumns("", "");
        facts.AddRow("kind", register.Kind == RegisterKind.QualityRegistry ? "clinical quality registry" : "patient register");
        facts.AddRow("defined in", Esc(register.Origin ?? ""));
        facts.AddRow("event column", Esc(register.EventColumn is null ? "none: one row per patient and source" : register.EventColumn + (register.EndColumn is null ? "" : $" (period ends at {register.EndColumn})")));
        facts.AddRow("partitions", register.PartitionByYear ? "by source, then by the event's year" : "by source");
        if (register.EventKey.Count > 0)
            facts.AddRow("one event", Esc($"the patient and {string.Join(", ", register.EventKey)}: where systems overlap, delivered once"));
        if (register.Measurement is { } m)
            facts.AddRow("measurements", Esc($"code {m.Code}, value {m.Value}{(m.Unit is null ? "" : $", unit {m.Unit}")}, time {m.Time}; criteria filter on them with 'measurement'"));
        if (register.NeverCombinedWith.Count > 0)
            facts.AddRow("never in one file with", Esc(string.Join(", ", register.NeverCombinedWith)));
        facts.AddRow("sources", Esc(string.Join("; ", register.Sources.Select(s => $"{s.System} {SourcesReport.Describe(s)}{(s.Volume.Length > 0 ? $" ({s.Volume})" : "")}"))));
        var batches = snapshot.BatchesOf(register.Name).ToList();
        facts.AddRow("in the lake", batches.Count == 0
            ? "no batches yet"
            : Esc(string.Join("; ", batches.GroupBy(b => b.RegisterVersion).OrderBy(g => g.Key).Select(g => $"{g.Count()} batch{(g.Count() == 1 ? "" : "es")} of version {g.Key}"))));
        if (versionsHeld.Count > 0)
            facts.AddRow("versions kept", Esc(string.Join(", ", versionsHeld)));
        AnsiConsole.Write(facts);

        var columns = new Table().AddColumns("column", "type", "unit", "required", "notes", "meaning");
        foreach (var column in register.Columns)
        {
            var notes = new List<string>();
            if (column.FreeText)
                notes.Add("free text");
            if (column.Aliases.Count > 0)
                notes.Add("was " + string.Join(", ", column.Aliases));
            if (column.Deprecated)
                notes.Add("deprecated");
            if (column.PlausibleMin is not null || column.PlausibleMax is not null)
                notes.Add($"plausible {column.PlausibleMin?.ToString(CultureInfo.InvariantCulture)}-{column.PlausibleMax?.ToString(CultureInfo.InvariantCulture)}");
            columns.AddRow(Esc(column.Name), RegisterFileReader.TypeName(column), Esc(column.Unit ?? ""), column.Required ? "yes" : "", Esc(string.Join("; ", notes)), Esc(column.Description));
        }

        AnsiConsole.Write(columns);
    }

    public static void PrintProblems(string path, IReadOnlyList<YamlProblem> problems)
    {
        AnsiConsole.MarkupLine($"[red]not valid[/]: {Esc(path)}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
        foreach (var problem in problems)
            AnsiConsole.MarkupLine($"  {Esc(path)}: {Esc(problem.ToString())}");
    }

    public static void PrintValidation(string path, RegisterDefinition register, RegisterDefinition? earlier, IReadOnlyList<RegisterChange> changes)
    {
        if (earlier is null)
        {
            AnsiConsole.MarkupLine($"[green]valid[/]: {Esc(path)}: new register {Esc(register.Name)}, version {register.Version}, {register.Columns.Count} columns.");
            return;
        }

        var refused = changes.Where(c => !c.Allowed).ToList();
        AnsiConsole.MarkupLine(refused.Count == 0
            ? $"[green]valid[/]: {Esc(path)}: {Esc(register.Name)} version {register.Version}, {(changes.Count == 0 ? "the same shape as" : "an allowed change of")} version {earlier.Version}."
            : $"[red]not valid[/]: {Esc(path)}: {Esc(register.Name)} version {register.Version} cannot follow version {earlier.Version}.");
        foreach (var change in changes)
            AnsiConsole.MarkupLine($"  {(change.Allowed ? "[green]allowed[/]" : "[red]refused[/]")} {Esc(change.ToString())}");
    }

    public static void PrintDiff(RegisterDefinition before, RegisterDefinition after, IReadOnlyList<RegisterChange> changes, IReadOnlyList<BatchCommit> batches)
    {
        var rows = batches.Sum(b => b.RowsWritten);
        AnsiConsole.MarkupLine($"{Esc(before.Name)} version {before.Version} → {Esc(after.Name)} version {after.Version}; the lake holds {batches.Count} batch{(batches.Count == 1 ? "" : "es")} ({Number(rows)} rows) of it.");
        if (changes.Count == 0)
        {
            AnsiConsole.MarkupLine("No change to the columns: existing batches read exactly as before.");
            return;
        }

        var table = new Table().AddColumns("change", "allowed", "what it does to existing data");
        foreach (var change in changes)
        {
            table.AddRow(Esc(change.What), change.Allowed ? "[green]yes[/]" : "[red]no[/]",
                Esc(change.Allowed ? Affected(change, batches) : change.RefusedBecause!));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(changes.All(c => c.Allowed)
            ? "Every change is allowed; a delivery made before it replays byte-identical, read with its own version."
            : "[red]Refused[/]: the register file must change as the table says before the lake uses it.");
    }

    private static string Affected(RegisterChange change, IReadOnlyList<BatchCommit> batches) =>
        batches.Count == 0 ? change.EffectOnExistingData + " (no batches yet)" : $"{change.EffectOnExistingData} ({batches.Count} batch{(batches.Count == 1 ? "" : "es")}, {Number(batches.Sum(b => b.RowsWritten))} rows)";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Esc(string text) => Markup.Escape(text);
}
