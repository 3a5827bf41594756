using System.CommandLine;
using Lake.Contracts.Registers;
using Spectre.Console;

namespace Lake.Cli.Commands;

internal static class RegistersCommand
{
    public static Command Create()
    {
        var command = new Command("registers", "List the registers of the lake with their source systems and years.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("register", "title", "sources");
            foreach (var register in RegisterCatalog.PatientRegisters)
                table.AddRow(register.Name, register.Title, Markup.Escape(string.Join("; ", register.Sources.Select(s => $"{s.System} {s.FromYear}-{s.ToYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}{(s.Partial ? " (partial)" : "")}"))));
            table.AddRow("qr_*", $"{QualityRegistries.All.Count} clinical quality registries", "each registry itself");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
