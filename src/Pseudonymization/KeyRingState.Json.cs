using System.Text.Json;

namespace Lake.Pseudonymization;

/// <summary>
/// The file format:
/// <c>{"version":1,"identityKey":b64,"registerKeys":[{"id":1,"secret":b64,"created":iso}],"currentKeyId":1,"studyKeys":{"id":{"secret":b64,"created":iso}}}</c>.
/// Parse errors name the file and the field, never a value: the values are the secrets.
/// </summary>
internal sealed partial class KeyRingState
{
    public const int FormatVersion = 1;

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteBase64String("identityKey", IdentityKey);
            writer.WriteStartArray("registerKeys");
            foreach (var id in KeyIds)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", id);
                WriteSecret(writer, RegisterKeys[id]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("currentKeyId", CurrentKeyId);
            writer.WriteStartObject("studyKeys");
            foreach (var (studyId, key) in StudyKeys.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(studyId);
                WriteSecret(writer, key);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static KeyRingState FromJson(ReadOnlySpan<byte> json, string path)
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

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(path, "the top level must be a JSON object");

            var version = RequiredInt(root, "version", path);
            if (version != FormatVersion)
                throw Invalid(path, $"it has format version {version}, this build reads version {FormatVersion}; use a newer lake build");

            var identityKey = RequiredSecret(root, "identityKey", path);

            var registerKeys = new Dictionary<int, KeySecret>();
            var registerArray = Required(root, "registerKeys", JsonValueKind.Array, path);
            var index = 0;
            foreach (var entry in registerArray.EnumerateArray())
            {
                var where = $"registerKeys[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                    throw Invalid(path, $"{where} must be an object");

                var id = RequiredInt(entry, "id", path, where);
                if (id < 1)
                    throw Invalid(path, $"{where}.id must be 1 or more");

                if (!registerKeys.TryAdd(id, ReadSecret(entry, path, where)))
                    throw Invalid(path, $"register key id {id} appears twice");
            }

            if (registerKeys.Count == 0)
                throw Invalid(path, "registerKeys is empty");

            var currentKeyId = RequiredInt(root, "currentKeyId", path);
            if (!registerKeys.ContainsKey(currentKeyId))
                throw Invalid(path, $"currentKeyId {currentKeyId} is not one of the register key ids");

            var studyKeys = new Dictionary<string, KeySecret>(StringComparer.Ordinal);
            foreach (var study in Required(root, "studyKeys", JsonValueKind.Object, path).EnumerateObject())
            {
                var where = $"studyKeys[\"{study.Name}\"]";
                if (study.Value.ValueKind != JsonValueKind.Object)
                    throw Invalid(path, $"{where} must be an object");

                if (!studyKeys.TryAdd(study.Name, ReadSecret(study.Value, path, where)))
                    throw Invalid(path, $"study {study.Name} appears twice");
            }

            return new KeyRingState(identityKey, registerKeys, currentKeyId, studyKeys);
        }
    }

    private static void WriteSecret(Utf8JsonWriter writer, KeySecret key)
    {
        writer.WriteBase64String("secret", key.Secret);
        writer.WriteString("created", key.Created);
    }

    private static KeySecret ReadSecret(JsonElement entry, string path, string where)
    {
        var secret = RequiredSecret(entry, "secret", path, where);
        var created = Required(entry, "created", JsonValueKind.String, path, where);
        if (!created.TryGetDateTimeOffset(out var createdAt))
            throw Invalid(path, $"{where}.created must be an ISO 8601 date and time");

        return new KeySecret(secret, createdAt);
    }

    private static byte[] RequiredSecret(JsonElement parent, string name, string path, string? where = null)
    {
        var element = Required(parent, name, JsonValueKind.String, path, where);
        if (!element.TryGetBytesFromBase64(out var secret) || secret.Length != KeySecret.Size)
            throw Invalid(path, $"{Field(name, where)} must be {KeySecret.Size} bytes in base64");

        return secret;
    }

    private static int RequiredInt(JsonElement parent, string name, string path, string? where = null)
    {
        var element = Required(parent, name, JsonValueKind.Number, path, where);
        if (!element.TryGetInt32(out var value))
            throw Invalid(path, $"{Field(name, where)} must be a whole number");

        return value;
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string path, string? where = null)
    {
        if (!parent.TryGetProperty(name, out var element))
            throw Invalid(path, $"{Field(name, where)} is missing");

        if (element.ValueKind != kind)
            throw Invalid(path, $"{Field(name, where)} must be a JSON {kind.ToString().ToLowerInvariant()}");

        return element;
    }

    private static string Field(string name, string? where) => where is null ? name : $"{where}.{name}";

    private static InvalidDataException Invalid(string path, string reason) =>
        new($"Key ring file {path} cannot be used: {reason}. Restore it from backup; do not recreate it, a new ring reproduces no existing pseudonym.");
}
