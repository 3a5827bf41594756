using System.CommandLine;
using Lake.Cli.Terminal;
using Lake.Extract.Disclosure;
using Lake.Ingest.Descriptors;
using Lake.Ingest.Profiling;

namespace Lake.Cli.Commands;

/// <summary>
/// Onboarding a source system: list and show the descriptors, validate one with line numbers, try
/// one on a feed's first rows without writing anything, and scan an unknown feed into a draft.
/// None of these prints an identity code.
/// </summary>
internal static class SourcesCommand
{
    public static Command Create() => new("sources", "Source descriptors: list, show, validate, try on a feed, and scan a new feed into a draft.")
    {
        List(), Show(), Validate(), Try(), Scan(),
    };

    private static Command List()
    {
        var command = new Command("list", "Every descriptor in the sources folder and its subfolders: system, register, format, encoding, years.") { JsonOutput.Option };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var folder = SourceFolder.Resolve(parse.GetValue(GlobalOptions.Sources));
            if (JsonOutput.Requested(parse))
                JsonOutput.Write(SourcesReport.ListJson(folder, DescriptorFiles.List(folder)));
            else
                SourcesReport.PrintList(DescriptorFiles.List(folder));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = "Descriptor name as 'lake sources list' prints it (e.g. uranus-patient-background), or a file." };
        var command = new Command("show", "A descriptor, resolved, and which feed column fills each column of its register. Exit code 0 when it is usable, 2 when it lists problems.") { name, JsonOutput.Option };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var path = DescriptorFiles.Resolve(parse.GetValue(name)!, parse.GetValue(GlobalOptions.Sources));
            var registers = GlobalOptions.Workspace(parse).Registers;
            var descriptor = SourceDescriptorLoader.Check(path, out var problems, registers);
            if (JsonOutput.Requested(parse))
                JsonOutput.Write(SourcesReport.ShowJson(path, descriptor, problems, registers));
            else
                SourcesReport.PrintShow(path, descriptor, problems, registers);
            // A script that shows a descriptor must not take one with problems for a usable one.
            return Task.FromResult(problems.Count == 0 ? 0 : CommandAction.UserError);
        }));
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<string>("file") { Description = "The descriptor file (or a name in the sources folder)." };
        var command = new Command("validate", "Check a descriptor against its register's schema; every problem with its line. Exit code 0 when valid, 2 when not.") { file };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var path = DescriptorFiles.Resolve(parse.GetValue(file)!, parse.GetValue(GlobalOptions.Sources));
            var registers = GlobalOptions.Workspace(parse).Registers;
            var descriptor = SourceDescriptorLoader.Check(path, out var problems, registers);
            SourcesReport.PrintValidation(path, descriptor, problems, registers);
            return Task.FromResult(problems.Count == 0 ? 0 : CommandAction.UserError);
        }));
        return command;
    }

    private static Command Try()
    {
        var file = new Argument<string>("file") { Description = "The descriptor file (or a name in the sources folder)." };
        var feed = new Argument<string>("feed") { Description = "A feed of the system." };
        var rows = new Option<int>("--rows") { Description = "How many rows of the feed to try.", DefaultValueFactory = _ => 20 };
        var command = new Command("try", "Dry run: map the first rows of a feed and show the rows and every rejection. Writes nothing to the lake.") { file, feed, rows };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var path = DescriptorFiles.Resolve(parse.GetValue(file)!, parse.GetValue(GlobalOptions.Sources));
            var registers = GlobalOptions.Workspace(parse).Registers;
            var descriptor = SourceDescriptorLoader.Load(path, registers);
            if (parse.GetValue(rows) < 1)
                throw new ArgumentException("--rows must be 1 or more.");
            var result = new FeedDryRun(TimeProvider.System) { Registers = registers }.Run(descriptor, parse.GetValue(feed)!, parse.GetValue(rows));
            SourcesReport.PrintTry(path, parse.GetValue(feed)!, descriptor, result);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Scan()
    {
        var feed = new Argument<string>("feed") { Description = "The feed to profile." };
        var delimiter = new Option<string?>("--delimiter") { Description = "The delimiter, when known: one character or 'tab'. Guessed otherwise." };
        var encoding = new Option<string?>("--encoding") { Description = "The encoding, when known: utf-8, iso-8859-1 or windows-1252. Guessed otherwise." };
        var rows = new Option<int>("--rows") { Description = "Rows sampled from the start of the feed.", DefaultValueFactory = _ => new FeedScanOptions().MaxRows };
        var output = new Option<string?>("--out") { Description = "Write the draft descriptor to this file (it must not exist yet) instead of printing it." };
        var command = new Command("scan", "Profile an unknown feed (encoding, delimiter, header, column types and formats, identity column) and draft a descriptor.")
        {
            feed, delimiter, encoding, rows, output,
        };
        command.SetAction((parse, _) => CommandAction.RunAsync(async () =>
        {
            if (parse.GetValue(rows) < 1)
                throw new ArgumentException("--rows must be 1 or more.");
            var profile = await CommandProgress.RunAsync("scan", $"profiling {Path.GetFileName(parse.GetValue(feed))}", null, announce: false, _ => Task.FromResult(FeedScanner.Scan(parse.GetValue(feed)!, new FeedScanOptions
            {
                MaxRows = parse.GetValue(rows),
                Delimiter = parse.GetValue(delimiter),
                Encoding = parse.GetValue(encoding),
            })));
            ScanReport.Print(profile, new DisclosureControl());

            var draft = DraftDescriptorWriter.Write(profile);
            if (parse.GetValue(output) is { } path)
            {
                // A hand-edited descriptor is work; a second scan must not wipe it.
                if (File.Exists(path))
                    throw new ArgumentException($"--out: '{path}' already exists; choose another name or delete it first.");
                File.WriteAllText(path, draft);
                ScanReport.PrintWritten(path);
            }
            else
            {
                ScanReport.PrintDraft(draft);
            }

            return 0;
        }));
        return command;
    }
}
