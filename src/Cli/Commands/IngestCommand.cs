using System.CommandLine;
using System.Globalization;
using Lake.Cli.Terminal;

namespace Lake.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Source descriptor: a file, or a name in the sources folder (e.g. apotti-diagnosis).", Required = true };
        var feed = new Argument<string>("feed") { Description = "The feed file to ingest." };
        var submit = new Option<bool>("--submit") { Description = "Send the feed to the ingest workers (RabbitMQ) instead of ingesting it here; it must be in <data>/feeds." };
        var command = new Command("ingest", "Ingest one source feed into its register: validate, pseudonymize, quarantine bad rows, commit atomically.")
        {
            source, feed, submit, JsonOutput.Option,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            var descriptor = DescriptorFiles.Resolve(parse.GetValue(source)!, parse.GetValue(GlobalOptions.Sources));
            if (parse.GetValue(submit))
            {
                var sent = await IngestSubmission.SubmitAsync(workspace, SourceFolder.Resolve(parse.GetValue(GlobalOptions.Sources)), descriptor, parse.GetValue(feed)!, cancellationToken);
                if (JsonOutput.Requested(parse))
                    JsonOutput.Write(new { submitted = true, feedPath = sent.FeedPath, descriptor = sent.Descriptor });
                else
                    Console.WriteLine($"Sent {sent.FeedPath} for ingest with descriptor {sent.Descriptor}.");
                return 0;
            }

            var feedPath = parse.GetValue(feed)!;
            var result = await CommandProgress.RunAsync("ingest", $"reading {Path.GetFileName(feedPath)}{Size(feedPath)}", rows => $"{rows.ToString("N0", CultureInfo.InvariantCulture)} rows read", announce: true,
                progress => Ingestion.IngestAsync(workspace, descriptor, feedPath, progress, cancellationToken));
            if (JsonOutput.Requested(parse))
                JsonOutput.Write(Reports.IngestJson(result));
            else
                Reports.PrintIngest(result);
            return 0;
        }));
        return command;
    }

    private static string Size(string feedPath) =>
        File.Exists(feedPath) ? $" ({(new FileInfo(feedPath).Length / 1e6).ToString("N0", CultureInfo.InvariantCulture)} MB)" : "";
}
