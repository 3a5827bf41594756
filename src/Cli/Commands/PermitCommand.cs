using System.CommandLine;
using Lake.Contracts.Registers;
using Lake.Extract.ControlPlane;

namespace Lake.Cli.Commands;

internal static class PermitCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "Permit number, e.g. HUS/123/2025.", Required = true };
        var study = new Option<string>("--study") { Description = "Study id; study pseudonyms are keyed by it.", Required = true };
        var title = new Option<string>("--title") { Description = "Study title.", DefaultValueFactory = _ => "" };
        var registers = new Option<string[]>("--registers") { Description = "Registers the permit covers.", Required = true, AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateOnly?>("--from") { Description = "First day of the data period the permit covers." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day of the data period the permit covers." };
        var expires = new Option<DateOnly>("--expires") { Description = "Last day the permit is valid.", Required = true };
        var members = new Option<string[]>("--members") { Description = "Research group members who may request and receive data.", Required = true, AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Record an approved permit in the control plane.") { id, study, title, registers, from, to, expires, members };
        add.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var unknown = parse.GetValue(registers)!.Where(r => !RegisterCatalog.TryGet(r, out RegisterDefinition _)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"--registers: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a register" : "are not registers")}; see 'lake registers'.");
            var store = GlobalOptions.Workspace(parse).OpenControlPlane();
            var permit = new Permit
            {
                Id = parse.GetValue(id)!,
                StudyId = parse.GetValue(study)!,
                Title = parse.GetValue(title)!,
                Registers = parse.GetValue(registers)!,
                PeriodFrom = parse.GetValue(from),
                PeriodTo = parse.GetValue(to),
                Expires = parse.GetValue(expires),
                Members = parse.GetValue(members)!,
                RecordedAt = store.Now,
            };
            store.SavePermit(permit);
            GlobalOptions.Workspace(parse).OpenAuditLog().Append(Environment.UserName, "permit.record", $"permit {permit.Id}", "recorded",
                $"study {permit.StudyId}; registers {string.Join(", ", permit.Registers)}; period {permit.PeriodFrom:yyyy-MM-dd}..{permit.PeriodTo:yyyy-MM-dd}; expires {permit.Expires:yyyy-MM-dd}; members {string.Join(", ", permit.Members)}");
            Console.WriteLine($"Permit {permit.Id} recorded for study {permit.StudyId}: registers {string.Join(", ", permit.Registers)}; members {string.Join(", ", permit.Members)}; valid until {permit.Expires:yyyy-MM-dd}.");
            return Task.FromResult(0);
        }));
        return new Command("permit", "Research and data access permits.") { add };
    }
}
