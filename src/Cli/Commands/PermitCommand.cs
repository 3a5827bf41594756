using System.CommandLine;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Coordinator.Access;
using Lake.Coordinator.Permits;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary>The permit lifecycle: record, amend, revoke, close expired, show.</summary>
internal static class PermitCommand
{

    public static Command Create() => new("permit", "Research and data access permits.")
    {
        Add(), Amend(), Revoke(), CloseExpired(), Show(),
    };

    private static Command Add()
    {
        var id = new Option<string>("--id") { Description = "Permit number, e.g. HUS-123-2025.", Required = true };
        var study = new Option<string>("--study") { Description = "Study id; study pseudonyms are keyed by it.", Required = true };
        var title = new Option<string>("--title") { Description = "Study title.", DefaultValueFactory = _ => "" };
        var issuer = new Option<string>("--issuer") { Description = "hospital, or findata for data of several controllers.", DefaultValueFactory = _ => "hospital" };
        var purpose = new Option<string>("--purpose") { Description = "Purpose of the processing.", DefaultValueFactory = _ => "" };
        var registers = new Option<string[]>("--registers") { Description = "Registers the permit covers.", Required = true, AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateOnly?>("--from") { Description = "First day of the data period the permit covers." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day of the data period the permit covers." };
        var expires = new Option<DateOnly>("--expires") { Description = "Last day the permit is valid.", Required = true };
        var members = new Option<string[]>("--members") { Description = "Research group members who may request and receive data.", Required = true, AllowMultipleArgumentsPerToken = true };
        var freeText = new Option<bool>("--free-text") { Description = "The permit allows patient record texts (delivered scrubbed)." };
        var identityCodes = new Option<bool>("--identity-codes") { Description = "The permit allows real identity codes, e.g. a consent-based study." };
        var add = new Command("add", "Record an approved permit in the control plane.") { id, study, title, issuer, purpose, registers, from, to, expires, members, freeText, identityCodes };
        add.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            foreach (var register in parse.GetValue(registers)!)
                workspace.Registers.Get(register);
            if (parse.GetValue(issuer) is not ("hospital" or "findata"))
                throw new ArgumentException("--issuer must be hospital or findata.");
            var permit = await workspace.CreatePermitLifecycle().RecordAsync(new Permit
            {
                Id = parse.GetValue(id)!,
                StudyId = parse.GetValue(study)!,
                Title = parse.GetValue(title)!,
                Issuer = parse.GetValue(issuer)!,
                Purpose = parse.GetValue(purpose)!,
                Registers = parse.GetValue(registers)!,
                PeriodFrom = parse.GetValue(from),
                PeriodTo = parse.GetValue(to),
                Expires = parse.GetValue(expires),
                Members = parse.GetValue(members)!,
                AllowsFreeText = parse.GetValue(freeText),
                AllowsIdentityCodes = parse.GetValue(identityCodes),
                RecordedAt = workspace.Time.GetUtcNow(),
            }, await StaffAsync(parse, cancellationToken), cancellationToken);
            Console.WriteLine($"Permit {permit.Id} recorded for study {permit.StudyId}: registers {string.Join(", ", permit.Registers)}; members {string.Join(", ", permit.Members)}; valid until {permit.Expires:yyyy-MM-dd}.");
            WarnWithoutAccount(workspace, permit);
            return 0;
        }));
        return add;
    }

    private static Command Amend()
    {
        var id = new Argument<string>("id") { Description = "Permit to amend." };
        var add = new Option<string[]>("--add-member") { Description = "Members to add.", AllowMultipleArgumentsPerToken = true };
        var remove = new Option<string[]>("--remove-member") { Description = "Members to remove; they lose access to existing deliveries at once.", AllowMultipleArgumentsPerToken = true };
        var registers = new Option<string[]?>("--registers") { Description = "New register scope.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateOnly?>("--from") { Description = "New first day of the data period the permit covers." };
        var to = new Option<DateOnly?>("--to") { Description = "New last day of the data period the permit covers." };
        var expires = new Option<DateOnly?>("--expires") { Description = "New last day of validity." };
        var freeText = new Option<bool?>("--free-text") { Description = "true or false: whether patient record texts may be delivered (scrubbed)." };
        var identityCodes = new Option<bool?>("--identity-codes") { Description = "true or false: whether real identity codes may be delivered (a consent-based study)." };
        var amend = new Command("amend", "Amend a permit: research group members, registers, data period, validity, free text and identity codes.")
        {
            id, add, remove, registers, from, to, expires, freeText, identityCodes,
        };
        amend.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var permit = await workspace.CreatePermitLifecycle().AmendAsync(parse.GetValue(id)!, await StaffAsync(parse, cancellationToken), new PermitAmendment
            {
                AddMembers = parse.GetValue(add) ?? [],
                RemoveMembers = parse.GetValue(remove) ?? [],
                // Not given is "unchanged", never "none": the parser hands an absent list option over as an empty one.
                Registers = parse.GetResult(registers) is null ? null : parse.GetValue(registers),
                PeriodFrom = parse.GetValue(from),
                PeriodTo = parse.GetValue(to),
                Expires = parse.GetValue(expires),
                AllowsFreeText = parse.GetValue(freeText),
                AllowsIdentityCodes = parse.GetValue(identityCodes),
            }, cancellationToken);
            Console.WriteLine($"Permit {permit.Id} is now version {permit.Version}: members {string.Join(", ", permit.Members)}; registers {string.Join(", ", permit.Registers)}; valid until {permit.Expires:yyyy-MM-dd}.");
            WarnWithoutAccount(workspace, permit);
            return 0;
        }));
        return amend;
    }

    /// <summary>A member without an operating-system account is named, never silently left out of the access lists.</summary>
    private static void WarnWithoutAccount(Workspace workspace, Permit permit)
    {
        if (workspace.Deliveries.WarningFor(permit.Members) is { } warning)
            Console.Error.WriteLine("warning: " + warning + ".");
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id") { Description = "Permit to revoke." };
        var reason = new Option<string>("--reason") { Description = "Why; recorded in the audit log.", Required = true };
        var revoke = new Command("revoke", "Revoke a permit: its deliveries and the study key are deleted.") { id, reason };
        revoke.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var permit = await GlobalOptions.Workspace(parse).CreatePermitLifecycle().RevokeAsync(parse.GetValue(id)!, await StaffAsync(parse, cancellationToken), parse.GetValue(reason)!, cancellationToken);
            Console.WriteLine($"Permit {permit.Id} revoked; its deliveries are deleted. See 'lake audit list'.");
            return 0;
        }));
        return revoke;
    }

    private static Command CloseExpired()
    {
        var close = new Command("close-expired", "Delete the deliveries and study keys of expired permits (run daily; requests also run it).");
        close.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var closed = await workspace.CreatePermitLifecycle().CloseExpiredAsync(await StaffAsync(parse, cancellationToken), DateOnly.FromDateTime(workspace.Time.GetUtcNow().UtcDateTime), cancellationToken);
            Console.WriteLine(closed.Count == 0 ? "No expired permit to close." : $"Closed: {string.Join(", ", closed.Select(p => p.Id))}.");
            return 0;
        }));
        return close;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Permit to show." };
        var show = new Command("show", "Show a permit and its versions.") { id, JsonOutput.Option };
        show.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            await LocalCaller.RequireAsync(workspace, await LocalCaller.ResolveAsync(workspace, cancellationToken), LakeAction.ViewPermits, $"permit {parse.GetValue(id)}",
                cancellationToken: cancellationToken);
            var permits = workspace.OpenPermits();
            var permit = await permits.GetAsync(parse.GetValue(id)!, cancellationToken);
            var history = await permits.HistoryAsync(permit.Id, cancellationToken);
            if (JsonOutput.Requested(parse))
            {
                JsonOutput.Write(new
                {
                    id = permit.Id,
                    version = permit.Version,
                    status = permit.Status,
                    closedAt = permit.ClosedAt,
                    revocationReason = permit.RevocationReason,
                    issuer = permit.Issuer,
                    studyId = permit.StudyId,
                    title = permit.Title,
                    purpose = permit.Purpose,
                    registers = permit.Registers,
                    periodFrom = permit.PeriodFrom,
                    periodTo = permit.PeriodTo,
                    expires = permit.Expires,
                    members = permit.Members,
                    allowsFreeText = permit.AllowsFreeText,
                    allowsIdentityCodes = permit.AllowsIdentityCodes,
                    recordedAt = permit.RecordedAt,
                    history = history.Select(v => new { version = v.Version, at = v.At, change = v.Change }),
                });
                return 0;
            }

            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(permit.Id)}[/] v{permit.Version} ({permit.Status}{(permit.ClosedAt is null ? "" : ", closed")}), issued by {Markup.Escape(permit.Issuer)}, study {Markup.Escape(permit.StudyId)}");
            AnsiConsole.MarkupLine($"  registers: {Markup.Escape(string.Join(", ", permit.Registers))}; period {permit.PeriodFrom:yyyy-MM-dd}..{permit.PeriodTo:yyyy-MM-dd}; valid until {permit.Expires:yyyy-MM-dd}");
            AnsiConsole.MarkupLine($"  members: {Markup.Escape(string.Join(", ", permit.Members))}; free text {(permit.AllowsFreeText ? "allowed" : "no")}; identity codes {(permit.AllowsIdentityCodes ? "allowed" : "no")}");
            foreach (var (version, at, change) in history)
                AnsiConsole.MarkupLine($"  [grey]v{version} {at:yyyy-MM-dd HH:mm} {Markup.Escape(change)}[/]");
            return 0;
        }));
        return show;
    }

    /// <summary>The local caller, who must be data-service staff: permits are theirs to record and change.</summary>
    private static async Task<string> StaffAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var workspace = GlobalOptions.Workspace(parse);
        var caller = await LocalCaller.ResolveAsync(workspace, cancellationToken);
        await LocalCaller.RequireAsync(workspace, caller, LakeAction.ManagePermits, "permits", cancellationToken: cancellationToken);
        return caller.Subject;
    }
}
