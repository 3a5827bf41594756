using Lake.Contracts.Yaml;
using System.Globalization;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Profiling;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary>How the <c>sources</c> commands show descriptors, validation and dry runs.</summary>
internal static class SourcesReport
{
    /// <summary>Stands in for every identity code: the commands show that there is one, never which.</summary>
    public const string IdentityCode = "[identity code]";

    public static void PrintList(IReadOnlyList<(string Name, string Path)> descriptors)
    {
        var table = new Table().AddColumns("descriptor", "system → register", "format", "years", "status");
        foreach (var (name, path) in descriptors)
        {
            try
            {
                var d = SourceDescriptorLoader.Check(path, out var problems);
                var status = problems.Count == 0 ? "[green]valid[/]" : $"[red]{problems.Count} problem{(problems.Count == 1 ? "" : "s")}[/]";
                table.AddRow(Esc(name), Esc($"{d.System} → {d.Register}"), Esc($"{Describe(d.Format)}, {d.Format.Encoding}"), Esc(d.Years.ToString()), status);
            }
            catch (DescriptorException)
            {
                table.AddRow(Esc(name), "", "", "", "[red]not readable YAML[/]");
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{descriptors.Count} descriptor{(descriptors.Count == 1 ? "" : "s")}. 'lake sources show NAME' shows one; 'lake sources validate NAME' lists its problems with their lines.");
    }

    public static object ListJson(string folder, IReadOnlyList<(string Name, string Path)> descriptors) => new
    {
        folder,
        descriptors = descriptors.Select(entry =>
        {
            try
            {
                var d = SourceDescriptorLoader.Check(entry.Path, out var problems);
                return new
                {
                    name = entry.Name, path = entry.Path, readable = true, system = (string?)d.System, register = (string?)d.Register, format = (string?)d.Format.Kind,
                    encoding = (string?)d.Format.Encoding, years = (object?)YearsJson(d.Years), valid = problems.Count == 0, problems = ProblemsJson(problems),
                };
            }
            catch (DescriptorException e)
            {
                return new
                {
                    name = entry.Name, path = entry.Path, readable = false, system = (string?)null, register = (string?)null, format = (string?)null,
                    encoding = (string?)null, years = (object?)null, valid = false, problems = ProblemsJson([new YamlProblem(null, e.Message)]),
                };
            }
        }),
    };

    /// <summary>A descriptor as <see cref="PrintShow"/> shows it, for programs: each register column and what fills it.</summary>
    public static object ShowJson(string path, SourceDescriptor d, IReadOnlyList<YamlProblem> problems, RegisterCatalog registers) => new
    {
        path,
        system = d.System,
        register = d.Register,
        description = d.Description,
        years = YearsJson(d.Years),
        format = new
        {
            kind = d.Format.Kind,
            delimiter = d.Format.Kind == "delimited" ? d.Format.Delimiter : null,
            encoding = d.Format.Encoding,
            header = d.Format.Header,
            compression = d.Format.Compression,
            nullValues = d.Format.NullValues,
            resource = d.Format.Resource,
        },
        identity = new { column = d.Identity, kind = d.IdentityKind, crosswalk = d.Crosswalk?.File },
        columns = registers.TryGet(d.Register, out var register)
            ? register.StoredColumns.Select(column => new
            {
                column = column.Name,
                type = RegisterFileReader.TypeName(column),
                required = column.Required,
                mapped = column.Name is RegisterDefinition.PseudonymColumn or RegisterDefinition.KeyIdColumn || d.Columns.ContainsKey(column.Name),
                from = d.Columns.GetValueOrDefault(column.Name)?.From,
                value = d.Columns.GetValueOrDefault(column.Name)?.Value,
                format = d.Columns.GetValueOrDefault(column.Name)?.Format,
            })
            : null,
        valid = problems.Count == 0,
        problems = ProblemsJson(problems),
    };

    private static object YearsJson(YearRange years) => new { from = years.From, to = years.To };

    private static IEnumerable<object> ProblemsJson(IReadOnlyList<YamlProblem> problems) => problems.Select(p => new { line = p.Line, message = p.Message });

    public static void PrintShow(string path, SourceDescriptor d, IReadOnlyList<YamlProblem> problems, RegisterCatalog registers)
    {
        AnsiConsole.MarkupLine($"[bold]{Esc(d.System)}[/] → [bold]{Esc(d.Register)}[/]   ({Esc(path)})");
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("description", Esc(d.Description));
        facts.AddRow("years", Esc(d.Years.ToString()));
        var header = d.Format.Kind == "fhir_ndjson" ? "" : $", header {(d.Format.Header ? "yes" : "no")}";
        facts.AddRow("format", Esc($"{Describe(d.Format)}, {d.Format.Encoding}{header}, compression {d.Format.Compression}"));
        if (d.Format.InvalidBytes == Ingest.Descriptors.InvalidBytesModes.RejectFeed)
            facts.AddRow("invalid bytes", Esc($"reject the whole feed (format.invalid_bytes: {d.Format.InvalidBytes}); by default only their row is quarantined"));
        if (d.Format.Kind == "fixed_width")
            facts.AddRow("fields", Esc(string.Join(", ", d.Format.Fields.Select(f => $"{f.Name} {f.Start}-{f.Start + f.Length - 1}"))));
        if (d.Format.NullValues.Count > 0)
            facts.AddRow("no value", Esc(string.Join(", ", d.Format.NullValues.Select(v => $"'{v}'"))));
        facts.AddRow("identity", Esc(d.Crosswalk is { } c
            ? $"local number in '{d.Identity}', mapped to the identity code by {c.File} ({c.LocalId} → {c.IdentityCode}{(c.ShiftDays is null ? "" : $", dates shifted by {c.ShiftDays}")})"
            : d.IdentityKind == IdentityKinds.PatientReference
                ? $"reference to a Patient in '{d.Identity}', resolved to the identity code through the Patient resources ingested from {d.System} before"
                : $"identity code in '{d.Identity}'"));
        foreach (var filter in d.Exclude)
            facts.AddRow("excludes", Esc($"{filter.Column} {DescribeFilter(filter)}: {filter.Reason}"));
        foreach (var lookup in d.Lookups)
            facts.AddRow("lookup", Esc($"{lookup.Name}: {lookup.File} where {lookup.Key} = feed {lookup.Match}, gives {string.Join(", ", lookup.Columns.Select(col => $"{lookup.Name}.{col}"))}"));
        var register = registers.TryGet(d.Register, out var known) ? known : null;
        if (register is not null)
            facts.AddRow("catalog", Esc(CatalogNote(d, register)));
        AnsiConsole.Write(facts);

        if (register is not null)
        {
            var table = new Table().AddColumns("register column", "type", "required", "filled from");
            foreach (var column in register.StoredColumns)
            {
                table.AddRow(Esc(column.Name), RegisterFileReader.TypeName(column), column.Required ? "yes" : "", FilledFrom(d, column));
            }

            AnsiConsole.Write(table);
        }

        PrintProblems(problems);
    }

    public static void PrintValidation(string path, SourceDescriptor d, IReadOnlyList<YamlProblem> problems, RegisterCatalog registers)
    {
        if (problems.Count == 0)
        {
            var register = registers.Get(d.Register);
            AnsiConsole.MarkupLine($"[green]valid[/]: {Esc(path)}: {Esc(d.System)} → {Esc(d.Register)}, {d.Columns.Count} of {register.Columns.Count} register columns filled, every required one among them.");
            return;
        }

        AnsiConsole.MarkupLine($"[red]not valid[/]: {Esc(path)}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
        foreach (var problem in problems)
            AnsiConsole.MarkupLine($"  {Esc(path)}: {Esc(problem.ToString())}");
    }

    public static void PrintTry(string path, string feed, SourceDescriptor d, DryRunResult result)
    {
        AnsiConsole.MarkupLine($"Dry run of {Esc(path)} on {Esc(feed)}: the first {result.RowsRead:N0} rows. [bold]Nothing is written[/] to the lake, its quarantine or the key ring.");
        var rows = new Table().AddColumn("line").AddColumn(Esc($"{result.IdentityColumn} → pseudonym"));
        foreach (var column in result.Columns)
            rows.AddColumn(Esc(column));
        foreach (var row in result.Rows)
            rows.AddRow(new[] { Number(row.Line), Esc(IdentityCode) }.Concat(row.Values.Select(Esc)).ToArray());
        AnsiConsole.Write(rows);

        if (result.Rejections.Count > 0)
        {
            AnsiConsole.MarkupLine("[yellow]Rejected[/] (ingest would quarantine these rows):");
            var rejections = new Table().AddColumns("line", "reason", "column", "message");
            foreach (var rejection in result.Rejections)
                rejections.AddRow(Number(rejection.Line), Esc(rejection.Reason), Esc(rejection.Column ?? ""), Esc(rejection.Message));
            AnsiConsole.Write(rejections);
        }

        foreach (var (reason, count) in result.ExcludedByReason)
            AnsiConsole.MarkupLine($"Excluded by the descriptor's filters: {count:N0} ({Esc(reason)})");
        foreach (var (check, count) in result.WarningsByCheck)
            AnsiConsole.MarkupLine($"Kept with a warning: {count:N0} ({Esc(check)})");
        var excluded = result.ExcludedByReason.Values.Sum();
        AnsiConsole.MarkupLine(
            $"{result.RowsRead:N0} rows read: [green]{result.Rows.Count:N0} would be written[/], [yellow]{result.Rejections.Count:N0} quarantined[/], {excluded:N0} excluded." +
            (result.MoreRows ? $" The feed goes on; try more with --rows, or ingest it: lake ingest --source {Esc(path)} {Esc(feed)}" : " That is the whole feed."));
    }

    private static string DescribeFilter(RowFilter filter) =>
        filter.EqualTo.Count > 0 ? "= " + string.Join(" | ", filter.EqualTo)
        : filter.Contains.Count > 0 ? "contains " + string.Join(" | ", filter.Contains)
        : "is not " + string.Join(" | ", filter.OtherThan);

    private static void PrintProblems(IReadOnlyList<YamlProblem> problems)
    {
        foreach (var problem in problems)
            AnsiConsole.MarkupLine($"[red]problem[/] {Esc(problem.ToString())}");
    }

    private static string FilledFrom(SourceDescriptor d, RegisterColumn column)
    {
        if (column.Name == RegisterDefinition.PseudonymColumn)
            return Esc($"the identity code in '{d.Identity}'{(d.Crosswalk is not null ? " (through the crosswalk)" : d.IdentityKind == IdentityKinds.PatientReference ? " (through the Patient it refers to)" : "")}, pseudonymized; never stored");
        if (column.Name == RegisterDefinition.KeyIdColumn)
            return "the key ring's current register key";
        if (!d.Columns.TryGetValue(column.Name, out var m))
            return column.Required ? "[red]not mapped, but required[/]" : "[grey]not mapped[/]";

        var source = m.From is not null ? $"{(d.Format.Kind == "fhir_ndjson" ? "path" : "feed column")} '{m.From}'" : m.Identity is not null ? $"the identity code's {m.Identity}" : $"the constant '{m.Value}'";
        var details = new List<string>();
        if (m.Format is not null)
            details.Add($"format {m.Format}");
        if (m.Decimal == "comma")
            details.Add("decimal comma");
        if (m.Map is not null)
            details.Add($"map {string.Join(", ", m.Map.Select(p => $"{p.Key} → {p.Value}"))}{(m.Otherwise is null ? "" : $", otherwise {m.Otherwise}")}");
        if (m.Normalize is not null)
            details.Add($"normalize {m.Normalize}");
        if (m.WhenNotNumeric is not null)
            details.Add($"not numeric → {m.WhenNotNumeric}");
        if (m.KeepIf is not null)
            details.Add($"kept if {m.KeepIf}");
        return Esc(details.Count == 0 ? source : $"{source}; {string.Join("; ", details)}");
    }

    private static string CatalogNote(SourceDescriptor d, RegisterDefinition register)
    {
        var listed = register.Sources.Where(s => s.System == d.System).ToList();
        return listed.Count > 0
            ? $"the dataset catalog lists {d.System} for {register.Name}: {string.Join("; ", listed.Select(Describe))}"
            : $"the dataset catalog does not list {d.System} for {register.Name} (it lists {string.Join("; ", register.Sources.Select(s => $"{s.System} {Describe(s)}"))})";
    }

    public static string Describe(SourceCoverage s) =>
        (s.ToYear == s.FromYear ? $"{s.FromYear}" : $"{s.FromYear}-{s.ToYear?.ToString(CultureInfo.InvariantCulture) ?? ""}") + (s.Partial ? " partial" : "");

    public static string Describe(FeedFormat format) => format.Kind switch
    {
        "delimited" => $"delimited {(format.Delimiter is "tab" or "\\t" ? "tab" : $"'{format.Delimiter}'")}",
        "fixed_width" => $"fixed width, {format.Fields.Count} field{(format.Fields.Count == 1 ? "" : "s")}",
        "fhir_ndjson" => $"FHIR NDJSON of {format.Resource} resources",
        _ => format.Kind.Replace('_', ' '),
    } + (format.Compression == "gzip" ? ", gzip" : "");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Esc(string text) => Markup.Escape(text);
}
