using System.CommandLine;
using Lake.Cli.Commands;
using Lake.Synthetic;

namespace Lake.DevelopmentCli.Commands;

internal static class SynthCommand
{
    public static readonly Option<int> Patients = new("--patients") { Description = "Size of the synthetic population.", DefaultValueFactory = _ => 3000 };
    public static readonly Option<int> Seed = new("--seed") { Description = "Random seed; the same seed writes the same feeds.", DefaultValueFactory = _ => new SynthOptions().Seed };

    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Folder for the feeds (default: the data folder's feeds/)." };
        var command = new Command("synth", "Write synthetic feeds of every source system of the dataset catalog (quality registries in quality_registries/) for one population.")
        {
            Patients, Seed, output,
        };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var folder = parse.GetValue(output) ?? GlobalOptions.Workspace(parse).FeedsFolder;
            var truth = FeedGenerator.Write(folder, new SynthOptions { Patients = parse.GetValue(Patients), Seed = parse.GetValue(Seed) });
            foreach (var feed in truth.Feeds)
                Console.WriteLine($"{feed.SourceSystem,-10} {feed.Register,-20} {feed.Rows.Count,8:N0} rows  {Path.Combine(folder, feed.FileName)}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
