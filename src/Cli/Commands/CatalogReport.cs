using System.Globalization;
using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Catalog;
using Lake.Extract.Disclosure;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary>The lake catalog as a table for people and as JSON for programs; counts arrive already disclosure-controlled.</summary>
internal static class CatalogReport
{
    public static void Print(IReadOnlyList<CatalogRegister> registers, DisclosureControl disclosure)
    {
        var inLake = new Table().Title("In the lake").AddColumns("register", "source", "years", "rows", "patients", "quarantined", "excluded", "warnings");
        foreach (var entry in registers.Where(r => r.InLake))
        {
            var single = entry.Sources.Count == 1;
            foreach (var (source, i) in entry.Sources.Select((s, i) => (s, i)))
            {
                inLake.AddRow(
                    i == 0 ? Markup.Escape(entry.Register.Name) : "",
                    Markup.Escape(source.System) + (source.InDatasetCatalog ? "" : " [yellow]*[/]"),
                    entry.Register.EventColumn is null ? "[grey]no event dates[/]" : Markup.Escape(Years(source.Years)),
                    Count(source.Rows),
                    Count(source.Patients, !single || entry.PatientsExact),
                    Quarantine(source.Quarantined, source.QuarantineRate),
                    single ? Count(entry.Excluded) : "",
                    single ? Count(entry.Warnings) : "");
            }

            if (!single)
            {
                inLake.AddRow("", "[bold]all sources[/]", "", Count(entry.Rows), Count(entry.Patients, entry.PatientsExact),
                    Quarantine(entry.Quarantined, entry.QuarantineRate), Count(entry.Excluded), Count(entry.Warnings));
            }
        }

        if (inLake.Rows.Count > 0)
            AnsiConsole.Write(inLake);
        else
            AnsiConsole.MarkupLine("The lake holds no data yet.");

        var waiting = new Table().Title("No data yet").AddColumns("register", "title", "the dataset catalog expects");
        foreach (var entry in registers.Where(r => !r.InLake && r.Register.Kind == RegisterKind.PatientRegister))
            waiting.AddRow(Markup.Escape(entry.Register.Name), Markup.Escape(entry.Register.Title), Markup.Escape(Expected(entry.Register)));
        var registries = registers.Where(r => !r.InLake && r.Register.Kind == RegisterKind.QualityRegistry).ToList();
        if (registries.Count > 0)
            waiting.AddRow("qr_*", $"{registries.Count} quality registries", "each registry is its own source; 'lake catalog --json' lists them");
        if (waiting.Rows.Count > 0)
            AnsiConsole.Write(waiting);

        AnsiConsole.MarkupLine($"Counts from 1 to {disclosure.Threshold} are shown as 1-{disclosure.Threshold}, and a second count is hidden where one could be worked out from a total.");
        if (registers.SelectMany(r => r.Sources).Any(s => !s.InDatasetCatalog))
            AnsiConsole.MarkupLine("[yellow]*[/] The dataset catalog does not list this source for the register yet.");
        if (registers.Any(r => r.InLake && !r.PatientsExact))
            AnsiConsole.MarkupLine("≤ Rows pseudonymized under more than one key generation: the patient count is an upper bound.");
    }

    public static string Json(IReadOnlyList<CatalogRegister> registers, DisclosureControl disclosure) => JsonSerializer.Serialize(new
    {
        suppressionThreshold = disclosure.Threshold,
        registers = registers.Select(r => new
        {
            register = r.Register.Name,
            title = r.Register.Title,
            kind = r.Register.Kind,
            inLake = r.InLake,
            rows = r.InLake ? Json(r.Rows) : null,
            patients = r.InLake ? Json(r.Patients) : null,
            patientsExact = r.InLake ? r.PatientsExact : (bool?)null,
            quarantined = r.InLake ? Json(r.Quarantined) : null,
            quarantineRate = r.QuarantineRate,
            excluded = r.InLake ? Json(r.Excluded) : null,
            warnings = r.InLake ? Json(r.Warnings) : null,
            sources = r.Sources.Select(s => new
            {
                system = s.System,
                inDatasetCatalog = s.InDatasetCatalog,
                years = s.Years,
                batches = s.Batches,
                rows = Json(s.Rows),
                patients = Json(s.Patients),
                quarantined = Json(s.Quarantined),
                quarantineRate = s.QuarantineRate,
            }),
            catalogExpects = r.Register.Sources.Select(s => new { system = s.System, from = s.FromYear, to = s.ToYear, partial = s.Partial, volume = s.Volume }),
        }),
    }, LakeJson.Options);

    private static object Json(ShownCount count) => new { value = count.Value, suppressed = count.IsSuppressed, display = count.ToString() };

    private static string Count(ShownCount count, bool exact = true) =>
        (exact ? "" : "≤ ") + (count.Value is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) : count.ToString());

    private static string Quarantine(ShownCount count, double? rate) =>
        Count(count) + (rate is { } r ? $" ({r.ToString("P1", CultureInfo.InvariantCulture)})" : "");

    private static string Years(IReadOnlyList<int> years) => years.Count == 0 ? "no event years" : YearRanges.Of(years);

    /// <summary>The dataset catalog's periods per system, as it states them: Uranus 2004-2007 partial, 2008-2020 (c. 2-6 million diagnoses per year).</summary>
    private static string Expected(RegisterDefinition register) =>
        string.Join("; ", register.Sources
            .GroupBy(s => s.System)
            .Select(g => $"{g.Key} {string.Join(", ", g.Select(s => SourcesReport.Describe(s) + (s.Volume.Length > 0 ? $" ({s.Volume})" : "")))}"));
}
