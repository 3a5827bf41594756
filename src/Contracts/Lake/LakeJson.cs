using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lake.Contracts.Lake;

/// <summary>One JSON style for every file Lake writes (commit records, manifests): camelCase, indented, enums as text.</summary>
public static class LakeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
