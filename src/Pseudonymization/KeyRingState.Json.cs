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
        using var document = KeyRingJson.ParseObject(json, path);
        var root = document.RootElement;
        var version = KeyRingJson.RequiredInt(root, "version", path);
        if (version != FormatVersion)
            throw KeyRingJson.Invalid(path, $"it has format version {version}, this build reads version {FormatVersion}; use a newer lake build");

        var identityKey = KeyRingJson.RequiredBytes(root, "identityKey", KeySecret.Size, path);

        var registerKeys = new Dictionary<int, KeySecret>();
        var registerArray = KeyRingJson.Required(root, "registerKeys", JsonValueKind.Array, path);
        var index = 0;
        foreach (var entry in registerArray.EnumerateArray())
        {
            var where = $"registerKeys[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
                throw KeyRingJson.Invalid(path, $"{where} must be an object");

            var id = KeyRingJson.RequiredInt(entry, "id", path, where);
            if (id < 1)
                throw KeyRingJson.Invalid(path, $"{where}.id must be 1 or more");

            if (!registerKeys.TryAdd(id, ReadSecret(entry, path, where)))
                throw KeyRingJson.Invalid(path, $"register key id {id} appears twice");
        }

        if (registerKeys.Count == 0)
            throw KeyRingJson.Invalid(path, "registerKeys is empty");

        var currentKeyId = KeyRingJson.RequiredInt(root, "currentKeyId", path);
        if (!registerKeys.ContainsKey(currentKeyId))
            throw KeyRingJson.Invalid(path, $"currentKeyId {currentKeyId} is not one of the register key ids");

        var studyKeys = new Dictionary<string, KeySecret>(StringComparer.Ordinal);
        foreach (var study in KeyRingJson.Required(root, "studyKeys", JsonValueKind.Object, path).EnumerateObject())
        {
            var where = $"studyKeys[\"{study.Name}\"]";
            if (study.Value.ValueKind != JsonValueKind.Object)
                throw KeyRingJson.Invalid(path, $"{where} must be an object");

            if (!studyKeys.TryAdd(study.Name, ReadSecret(study.Value, path, where)))
                throw KeyRingJson.Invalid(path, $"study {study.Name} appears twice");
        }

        return new KeyRingState(identityKey, registerKeys, currentKeyId, studyKeys);
    }

    private static void WriteSecret(Utf8JsonWriter writer, KeySecret key)
    {
        writer.WriteBase64String("secret", key.Secret);
        writer.WriteString("created", key.Created);
    }

    private static KeySecret ReadSecret(JsonElement entry, string path, string where)
    {
        var secret = KeyRingJson.RequiredBytes(entry, "secret", KeySecret.Size, path, where);
        var created = KeyRingJson.Required(entry, "created", JsonValueKind.String, path, where);
        if (!created.TryGetDateTimeOffset(out var createdAt))
            throw KeyRingJson.Invalid(path, $"{where}.created must be an ISO 8601 date and time");

        return new KeySecret(secret, createdAt);
    }
}
