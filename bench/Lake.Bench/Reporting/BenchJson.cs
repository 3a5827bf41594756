using System.Text.Json;
using Lake.Contracts.Lake;

namespace Lake.Bench.Reporting;

/// <summary>Result files look like every other JSON file Lake writes (camelCase, enums as text); a child's result travels on one line.</summary>
internal static class BenchJson
{
    public static JsonSerializerOptions File => LakeJson.Options;

    public static JsonSerializerOptions Line { get; } = new(LakeJson.Options) { WriteIndented = false };
}
