using System.Text.Json;

namespace Lake.Pseudonymization.Pkcs11;

/// <summary>
/// The PKCS#11 store's study keys, each wrapped under the token's study key wrapping key:
/// <c>{"version":1,"studyKeys":{"id":{"wrapped":b64,"created":iso}}}</c>. Without the token the
/// file is useless, yet it stays owner-only and is written like the key ring (atomically, under
/// <c>path.lock</c>), because deleting a study key must win against a process that creates one.
/// </summary>
internal static class WrappedStudyKeyFile
{
    public const int FormatVersion = 1;

    /// <summary>The wrapped keys by study; empty when the file does not exist yet.</summary>
    public static IReadOnlyDictionary<string, WrappedStudyKey> Load(string path)
    {
        if (!File.Exists(path))
            return new Dictionary<string, WrappedStudyKey>(StringComparer.Ordinal);

        var json = KeyRingFile.ReadOwnerOnly(path, "The wrapped study key file");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON (line {e.LineNumber + 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != FormatVersion)
            {
                throw Invalid(path, $"it must be an object with \"version\": {FormatVersion}");
            }

            if (!root.TryGetProperty("studyKeys", out var studies) || studies.ValueKind != JsonValueKind.Object)
                throw Invalid(path, "studyKeys is missing or not an object");

            var keys = new Dictionary<string, WrappedStudyKey>(StringComparer.Ordinal);
            foreach (var study in studies.EnumerateObject())
            {
                if (study.Value.ValueKind != JsonValueKind.Object
                    || !study.Value.TryGetProperty("wrapped", out var wrapped) || wrapped.ValueKind != JsonValueKind.String || !wrapped.TryGetBytesFromBase64(out var bytes)
                    || !study.Value.TryGetProperty("created", out var created) || created.ValueKind != JsonValueKind.String || !created.TryGetDateTimeOffset(out var createdAt))
                {
                    throw Invalid(path, $"studyKeys[\"{study.Name}\"] needs \"wrapped\" (base64) and \"created\" (ISO 8601)");
                }

                if (!keys.TryAdd(study.Name, new WrappedStudyKey(bytes, createdAt)))
                    throw Invalid(path, $"study {study.Name} appears twice");
            }

            return keys;
        }
    }

    /// <summary>Loads the file under its lock, applies the change and writes the result when it differs.</summary>
    public static T Change<T>(string path, Func<IReadOnlyDictionary<string, WrappedStudyKey>, (IReadOnlyDictionary<string, WrappedStudyKey> Keys, T Result)> change)
    {
        KeyRingFile.EnsureDirectory(Path.GetDirectoryName(path)!);
        using (KeyRingFile.AcquireLock(path))
        {
            var current = Load(path);
            var (next, result) = change(current);
            if (!ReferenceEquals(next, current))
                KeyRingFile.WriteAtomically(path, ToJson(next), overwrite: true);
            return result;
        }
    }

    private static byte[] ToJson(IReadOnlyDictionary<string, WrappedStudyKey> keys)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteStartObject("studyKeys");
            foreach (var (studyId, key) in keys.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(studyId);
                writer.WriteBase64String("wrapped", key.Wrapped);
                writer.WriteString("created", key.Created);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static InvalidDataException Invalid(string path, string reason) =>
        new($"The wrapped study key file {path} cannot be used: {reason}. Restore it from backup.");
}
