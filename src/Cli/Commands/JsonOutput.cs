using System.CommandLine;
using System.Text.Json;
using Lake.Contracts.Lake;

namespace Lake.Cli.Commands;

/// <summary>
/// <c>--json</c>: the one option every reporting command shares, and the one way their JSON reaches
/// stdout. The shapes are documented in docs/cli-json.md and only ever gain fields, so a script
/// written against them keeps working. Progress, warnings and errors go to stderr, never here.
/// </summary>
internal static class JsonOutput
{
    public static readonly Option<bool> Option = new("--json")
    {
        Description = "Print the result as JSON on stdout, in the shape docs/cli-json.md describes; progress and errors stay on stderr.",
    };

    public static bool Requested(ParseResult parse) => parse.GetValue(Option);

    /// <summary>The value in Lake's JSON conventions (camelCase names, enums as their names), as one document.</summary>
    public static void Write(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, LakeJson.Options));
}
