using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Cli;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Every reporting command with <c>--json</c>, on a lake with feeds, a permit and a delivered
/// request: stdout is one JSON document and nothing else, and it has exactly the fields
/// docs/cli-json.md lists for the command, of the types it gives. The document is the test's
/// expectation, so it cannot drift from what the commands print.
/// </summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed partial class CliJsonTests : LakePipelineFixture
{
    private const string Document = "docs/cli-json.md";

    private static readonly string Pricing = Path.Combine(RepositoryPaths.Root, "examples", "pricing.yaml");

    private readonly Dictionary<string, LakeConsole.Streams> _runs = [];

    [OneTimeSetUp]
    public async Task RunEveryReportingCommand()
    {
        Assert.That(await Lake("permit", "add", "--id", "JSON-1", "--study", "json-study", "--registers", "patient_background", "diagnosis", "laboratory",
            "--from", "2015-01-01", "--to", "2025-12-31", "--expires", "2099-12-31", "--members", "alice", "bob"), Is.Zero);
        var feed = Truth.Feeds[0];
        await RunAsync("lake ingest", LakeUsers.Staff, "ingest", "--source", Ingestion.DescriptorFor(RepositoryPaths.Sources, feed.SourceSystem, feed.Register), Path.Combine(Data, "feeds", feed.FileName));
        await RunAsync("lake request submit", "alice", "request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "JSON-1");
        var request = JsonDocument.Parse(_runs["lake request submit"].Output).RootElement.GetProperty("id").GetString()!;
        await RunAsync("lake request status", "alice", "request", "status", request);
        await RunAsync("lake request list", "alice", "request", "list");
        await RunAsync("lake request replay", "alice", "request", "replay", request);
        await RunAsync("lake permit show", LakeUsers.Staff, "permit", "show", "JSON-1");
        await RunAsync("lake sources list", LakeUsers.Staff, "sources", "list");
        await RunAsync("lake sources show", LakeUsers.Staff, "sources", "show", "uranus-diagnosis");
        await RunAsync("lake registers", LakeUsers.Staff, "registers");
        await RunAsync("lake registers show", LakeUsers.Staff, "registers", "show", "diagnosis");
        await RunAsync("lake catalog", LakeUsers.Staff, "catalog");
        await RunAsync("lake study preliminary", "alice", "study", "preliminary", RepositoryPaths.ExampleSpecification);
        await RunAsync("lake cost estimate", "alice", "cost", "estimate", RepositoryPaths.ExampleSpecification, "--pricing", Pricing);
        await RunAsync("lake audit list", LakeUsers.Auditor, "audit", "list");
        await RunAsync("lake audit verify", LakeUsers.Auditor, "audit", "verify");
    }

    public static IEnumerable<string> DocumentedCommands() => Sections().Keys;

    [Test]
    public void Document_DescribesEveryCommandThatPrintsJson()
    {
        Assert.That(Sections().Keys, Is.EquivalentTo(_runs.Keys));
    }

    [TestCaseSource(nameof(DocumentedCommands))]
    public void Json_IsOneDocumentOnStdoutWithTheDocumentedFields(string command)
    {
        var run = _runs[command];
        var documented = Sections()[command];
        using var output = JsonDocument.Parse(run.Output);
        var seen = new Shape();
        seen.Collect(output.RootElement, "", documented);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(output.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), "an object, so that fields can be added");
            Assert.That(seen.Kinds.Keys.Where(path => !documented.ContainsKey(path)), Is.Empty, $"fields {command} prints that {Document} does not list");
            foreach (var (path, type) in documented)
            {
                if (!seen.Kinds.TryGetValue(path, out var kinds))
                {
                    Assert.That(seen.EmptyArrays.Any(array => path.StartsWith(array + "[].", StringComparison.Ordinal)), Is.True, $"{command}: {path} is documented but not printed");
                    continue;
                }

                Assert.That(kinds.Select(Type).Distinct(), Is.SubsetOf(type.Split(" or ").Select(t => t == "map" ? "object" : t)), $"{command}: {path}");
            }
        });
    }

    [TestCaseSource(nameof(DocumentedCommands))]
    public void Document_ExampleIsJsonWithDocumentedFieldsOnly(string command)
    {
        var example = Regex.Match(SectionText(command), "```json\n(.*?)```", RegexOptions.Singleline);
        Assert.That(example.Success, Is.True, $"{command} has an example");
        using var json = JsonDocument.Parse(example.Groups[1].Value);
        var documented = Sections()[command];
        var seen = new Shape();
        seen.Collect(json.RootElement, "", documented);

        Assert.That(seen.Kinds.Keys.Where(path => !documented.ContainsKey(path)), Is.Empty);
    }

    private static string Type(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    /// <summary>The field tables of the document, by the section's command: field path to its type, e.g. "number or null".</summary>
    private static Dictionary<string, Dictionary<string, string>> Sections() =>
        SectionNames().ToDictionary(name => name, name => Regex.Matches(SectionText(name), @"^\| `([^`]+)` \| ([a-z ]+) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim()));

    private static IEnumerable<string> SectionNames() =>
        Regex.Matches(ReadDocument(), @"^## `(lake [a-z ]+)`", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

    private static string SectionText(string command)
    {
        var text = ReadDocument();
        var start = text.IndexOf($"## `{command}`", StringComparison.Ordinal);
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static string ReadDocument() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, Document)).ReplaceLineEndings("\n");

    private async Task RunAsync(string command, string user, params string[] args)
    {
        var run = await LakeUsers.AsAsync(Data, KeyRingPath, user,
            () => LakeConsole.RunSeparatelyAsync([.. args, "--json", "--data", Data, "--keyring", KeyRingPath, "--sources", RepositoryPaths.Sources]));
        Assert.That(run.ExitCode, Is.Zero, $"{command}: {run.Error}");
        _runs[command] = run;
    }

    /// <summary>The field paths of a document (<c>requests[].id</c>) and the kinds of value seen at each.</summary>
    private sealed class Shape
    {
        public Dictionary<string, HashSet<JsonValueKind>> Kinds { get; } = [];

        /// <summary>Arrays seen only empty: what their elements hold cannot be checked on this run.</summary>
        public HashSet<string> EmptyArrays { get; } = [];

        public void Collect(JsonElement element, string path, IReadOnlyDictionary<string, string> documented)
        {
            if (element.ValueKind == JsonValueKind.Object && (path.Length == 0 || documented.GetValueOrDefault(path) != "map"))
            {
                foreach (var property in element.EnumerateObject())
                {
                    var inner = path.Length == 0 ? property.Name : path + "." + property.Name;
                    Record(inner, property.Value.ValueKind);
                    Collect(property.Value, inner, documented);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                if (element.GetArrayLength() == 0)
                    EmptyArrays.Add(path);
                foreach (var item in element.EnumerateArray().Where(i => i.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
                    Collect(item, path + "[]", documented);
            }
        }

        private void Record(string path, JsonValueKind kind)
        {
            if (!Kinds.TryGetValue(path, out var kinds))
                Kinds[path] = kinds = [];
            kinds.Add(kind);
        }
    }
}
