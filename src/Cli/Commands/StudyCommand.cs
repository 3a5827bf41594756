using System.CommandLine;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Extract.Specifications;

namespace Lake.Cli.Commands;

internal static class StudyCommand
{
    public static readonly Option<int> Threshold = new("--threshold")
    {
        Description = "Counts from 1 up to this number are shown as suppressed.",
        DefaultValueFactory = _ => DisclosureControl.DefaultThreshold,
    };

    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Study specification (YAML or JSON)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var user = new Option<string>("--as") { Description = "Who asks; recorded in the audit log with the true counts.", DefaultValueFactory = _ => Environment.UserName };
        var preliminary = new Command("preliminary", "Preliminary study, no permit needed: cohort size and data availability, small counts suppressed.")
        {
            spec, json, Threshold, user,
        };
        preliminary.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            var workspace = GlobalOptions.Workspace(parse);
            // With the lake's key ring: identity codes listed in the cohort become tokens as they are read.
            var report = Run(workspace, SpecificationReader.Load(parse.GetValue(spec)!, workspace.KeyRing), parse.GetValue(Threshold), parse.GetValue(user)!);
            if (parse.GetValue(json))
                Console.WriteLine(Reports.PreliminaryJson(report));
            else
                Reports.PrintPreliminary(report);
            return Task.FromResult(0);
        }));
        return new Command("study", "Studies without a permit.") { preliminary };
    }

    public static PreliminaryReport Run(Workspace workspace, Contracts.Extraction.StudySpecification specification, int threshold, string user)
    {
        using var session = LakeQuerySession.Open(LakeSnapshot.Take(workspace.Layout));
        return new PreliminaryStudy(session, workspace.CreatePseudonymizer(), new DisclosureControl(threshold), workspace.OpenAuditLog(), workspace.OpenDifferencingLedger()).Run(specification, user);
    }
}
