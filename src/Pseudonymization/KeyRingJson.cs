using System.Text.Json;

namespace Lake.Pseudonymization;

/// <summary>
/// Reading the key ring file's JSON, in clear (<see cref="KeyRingState"/>) or encrypted (<see cref="KeyRingEnvelope"/>):
/// required fields of the right kind, and errors that name the file and the field, never a value,
/// because the values are secrets (or, encrypted, what an attacker would like to see echoed).
/// </summary>
internal static class KeyRingJson
{
    /// <summary>Whether <paramref name="content"/> is a JSON object with a property <paramref name="name"/>; false for anything unreadable.</summary>
    public static bool HasProperty(byte[] content, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The document; the caller disposes it.</summary>
    public static JsonDocument ParseObject(ReadOnlySpan<byte> json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            // The parser's own message may quote file content, that is key material; only the line is kept.
            throw Invalid(path, $"it is not valid JSON (line {e.LineNumber + 1})");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Invalid(path, "the top level must be a JSON object");
        }

        return document;
    }

    /// <param name="size">The exact length in bytes, or null for any length.</param>
    public static byte[] RequiredBytes(JsonElement parent, string name, int? size, string path, string? where = null)
    {
        var element = Required(parent, name, JsonValueKind.String, path, where);
        if (!element.TryGetBytesFromBase64(out var bytes) || (size is { } exact && bytes.Length != exact))
            throw Invalid(path, size is null ? $"{Field(name, where)} must be base64" : $"{Field(name, where)} must be {size} bytes in base64");

        return bytes;
    }

    public static int RequiredInt(JsonElement parent, string name, string path, string? where = null)
    {
        var element = Required(parent, name, JsonValueKind.Number, path, where);
        if (!element.TryGetInt32(out var value))
            throw Invalid(path, $"{Field(name, where)} must be a whole number");

        return value;
    }

    public static string RequiredString(JsonElement parent, string name, string path, string? where = null) =>
        Required(parent, name, JsonValueKind.String, path, where).GetString()!;

    public static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string path, string? where = null)
    {
        if (!parent.TryGetProperty(name, out var element))
            throw Invalid(path, $"{Field(name, where)} is missing");

        if (element.ValueKind != kind)
            throw Invalid(path, $"{Field(name, where)} must be a JSON {kind.ToString().ToLowerInvariant()}");

        return element;
    }

    public static InvalidDataException Invalid(string path, string reason) =>
        new($"Key ring file {path} cannot be used: {reason}. Restore it from backup; do not recreate it, a new ring reproduces no existing pseudonym.");

    private static string Field(string name, string? where) => where is null ? name : $"{where}.{name}";
}
