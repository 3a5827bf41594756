using System.CommandLine;
using Lake.Coordinator.Access;
using Lake.Coordinator.Preliminary;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Extract.Specifications;

namespace Lake.Cli.Commands;

internal static class StudyCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Study specification (YAML or JSON)." };
        // No threshold option: the disclosure rules are the service's (configuration section Disclosure), not the asker's.
        var preliminary = new Command("preliminary", "Preliminary study, no permit needed: cohort size and data availability, small counts suppressed.")
        {
            spec, JsonOutput.Option,
        };
        preliminary.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            // The study is audited under the signed-in account's name, never one typed on the command line.
            var caller = await LocalCaller.ResolveAsync(workspace, cancellationToken);
            await LocalCaller.RequireAsync(workspace, caller, LakeAction.PreliminaryStudy, "a preliminary study", cancellationToken: cancellationToken);
            // With the lake's key ring: identity codes listed in the cohort become tokens as they are read.
            var report = await RunAsync(workspace, SpecificationReader.Load(parse.GetValue(spec)!, workspace.Keys, workspace.Registers), caller.Subject, cancellationToken);
            if (JsonOutput.Requested(parse))
                Console.WriteLine(Reports.PreliminaryJson(report));
            else
                Reports.PrintPreliminary(report);
            return 0;
        }));
        return new Command("study", "Studies without a permit.") { preliminary };
    }

    /// <summary>The study under the service's disclosure rules, for <paramref name="user"/> and their research group.</summary>
    public static async Task<PreliminaryReport> RunAsync(Workspace workspace, Contracts.Extraction.StudySpecification specification, string user, CancellationToken cancellationToken = default)
    {
        var disclosure = new DisclosureControl(LakeConfiguration.Disclosure(workspace.Configuration));
        var group = ResearchGroup.Of(user, await workspace.OpenPermits().ListAsync(cancellationToken));
        using var session = LakeQuerySession.Open(LakeSnapshot.Take(workspace.Layout, workspace.Registers));
        return await new PreliminaryStudy(session, workspace.CreatePseudonymizer(), disclosure, workspace.OpenAuditLog(), workspace.OpenDifferencingLedger()).RunAsync(specification, user, group, cancellationToken);
    }
}
