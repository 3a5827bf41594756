using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Preliminary;
using Lake.Ingest;
using Spectre.Console;

namespace Lake.Cli;

/// <summary>How results are shown on the console; JSON where a program reads them.</summary>
internal static class Reports
{
    public static void PrintIngest(IngestResult result)
    {
        var c = result.Commit;
        var waiting = c.QuarantinedByReason.GetValueOrDefault(Ingest.Mapping.RejectionReasons.UnknownPatientReference);
        if (result.SameRows)
        {
            AnsiConsole.MarkupLine($"[grey]the feed holds exactly the rows of batch {c.BatchId} (feed {Markup.Escape(c.FeedName)}), in another file; nothing to do.[/]");
            return;
        }

        if (result.AlreadyIngested)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(c.FeedName)}: already ingested as batch {c.BatchId}; nothing to do.[/]");
            if (waiting > 0)
                AnsiConsole.MarkupLine($"[grey]    {waiting:N0} rows wait for Patients not ingested yet; ingest them, then this feed again (docs/fhir-bulk.md).[/]");
            return;
        }

        AnsiConsole.MarkupLine($"{Markup.Escape(c.SourceSystem)} → [bold]{c.Register}[/]: {c.RowsRead:N0} rows read, [green]{c.RowsWritten:N0} written[/] in {c.Files.Count} partitions, [yellow]{c.RowsQuarantined:N0} quarantined[/] (batch {c.BatchId})");
        if (c.Supersedes is not null)
            AnsiConsole.MarkupLine($"    supersedes batch {c.Supersedes}, the same feed read before its Patients arrived");
        foreach (var (reason, count) in c.QuarantinedByReason.OrderByDescending(p => p.Value))
            AnsiConsole.MarkupLine($"    {count,6:N0}  {Markup.Escape(reason)}");
        if (result.QuarantinePath is not null)
            AnsiConsole.MarkupLine($"    quarantine: {Markup.Escape(result.QuarantinePath)}");
    }

    /// <summary>The batch as committed (or found already committed): counts per outcome, partitions, quarantine reasons.</summary>
    public static object IngestJson(IngestResult result)
    {
        var c = result.Commit;
        return new
        {
            feed = c.FeedName,
            system = c.SourceSystem,
            register = c.Register,
            registerVersion = c.RegisterVersion,
            batchId = c.BatchId,
            alreadyIngested = result.AlreadyIngested,
            rowsRead = c.RowsRead,
            rowsWritten = c.RowsWritten,
            rowsQuarantined = c.RowsQuarantined,
            partitions = c.Files.Count,
            quarantinedByReason = c.QuarantinedByReason,
            excludedByReason = c.ExcludedByReason,
            warningsByCheck = c.WarningsByCheck,
            supersedes = c.Supersedes,
            quarantinePath = result.QuarantinePath,
            committedAt = c.CommittedAt,
        };
    }

    public static void PrintPreliminary(PreliminaryReport report)
    {
        AnsiConsole.MarkupLine($"[bold]Preliminary study:[/] {Markup.Escape(report.Title)}");
        AnsiConsole.MarkupLine($"Cohort size: [bold]{report.CohortSize}[/]   (counts 1-{report.SuppressionThreshold} are suppressed)");
        var breakdowns = new Table().AddColumns("breakdown", "group", "patients");
        foreach (var (name, cells) in new[] { ("index year", report.ByIndexYear), ("sex", report.BySex), ("age at index", report.ByAgeBand) })
        {
            foreach (var (label, count) in cells)
                breakdowns.AddRow(name, label, count.ToString());
        }

        AnsiConsole.Write(breakdowns);
        var availability = new Table().AddColumns("register", "year", "rows for cohort");
        foreach (var register in report.Availability)
        {
            availability.AddRow(register.Register, "total", register.Total.ToString());
            foreach (var (year, rows) in register.ByYear)
                availability.AddRow("", year, rows.ToString());
        }

        AnsiConsole.Write(availability);
    }

    /// <summary>A report as the coordinator sends it: the cohort and its breakdowns, counts as shown (suppressed or not).</summary>
    public static void PrintPreliminaryJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(root.GetProperty("title").GetString() ?? "")}[/]: cohort size [bold]{Markup.Escape(Shown(root.GetProperty("cohortSize")))}[/] (counts below {root.GetProperty("suppressionThreshold").GetInt32() + 1} shown as ranges)");
        foreach (var breakdown in new[] { ("byIndexYear", "index year"), ("bySex", "sex"), ("byAgeBand", "age band") })
        {
            var table = new Table().AddColumns(breakdown.Item2, "patients");
            foreach (var group in root.GetProperty(breakdown.Item1).EnumerateArray())
                table.AddRow(Markup.Escape(group.GetProperty("group").GetString() ?? ""), Markup.Escape(Shown(group.GetProperty("patients"))));
            AnsiConsole.Write(table);
        }

        var availability = new Table().AddColumns("register", "rows");
        foreach (var register in root.GetProperty("availability").EnumerateArray())
            availability.AddRow(Markup.Escape(register.GetProperty("register").GetString() ?? ""), Markup.Escape(Shown(register.GetProperty("rows"))));
        AnsiConsole.Write(availability);
    }

    private static string Shown(JsonElement count) => count.GetProperty("display").GetString() ?? "";

    public static string PreliminaryJson(PreliminaryReport report) => PreliminaryReportJson.Serialize(report);

    /// <summary>A request as its requester and research group see it; the specification stays out (it may list identity codes).</summary>
    public static object RequestJson(RequestRecord record) => new
    {
        id = record.Id,
        state = record.State,
        permitId = record.PermitId,
        requestedBy = record.RequestedBy,
        createdAt = record.CreatedAt,
        reason = record.Reason,
        deliveryFolder = record.DeliveryFolder,
        history = record.History.Select(change => new { at = change.At, state = change.State, detail = change.Detail }),
    };

    public static void PrintRequest(RequestRecord record)
    {
        var colour = record.State switch { RequestState.Delivered => "green", RequestState.Refused or RequestState.Failed => "red", _ => "yellow" };
        AnsiConsole.MarkupLine($"Request {record.Id}: [{colour}]{record.State}[/] (permit {Markup.Escape(record.PermitId ?? "-")}, by {Markup.Escape(record.RequestedBy)})");
        if (record.Reason is not null)
            AnsiConsole.MarkupLine($"  reason: {Markup.Escape(record.Reason)}");
        if (record.DeliveryFolder is not null)
            AnsiConsole.MarkupLine($"  delivery: {Markup.Escape(record.DeliveryFolder)}");
        foreach (var change in record.History)
            AnsiConsole.MarkupLine($"  [grey]{change.At:yyyy-MM-dd HH:mm:ss.fff} {change.State}{Markup.Escape(change.Detail is null ? "" : ": " + change.Detail)}[/]");
    }
}
