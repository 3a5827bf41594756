using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>
/// A checkpoint as one line of JSON, the same in the checkpoint file and in a witness's POST:
/// <c>{"version":1,"treeSize":42,"rootHash":"…","timestamp":"2026-12-01T10:00:00.0000000Z","mac":"…"}</c>.
/// </summary>
internal static class CheckpointJson
{
    public const int Version = 1;

    public static string Serialize(SignedTreeHead head)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteNumber("treeSize", head.TreeSize);
            writer.WriteString("rootHash", head.RootHash);
            writer.WriteString("timestamp", AuditEntryFormat.Timestamp(head.Timestamp));
            writer.WriteString("mac", head.Mac);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The checkpoint on the line, or null when the line is not one (its MAC is checked elsewhere).</summary>
    public static SignedTreeHead? Parse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.GetProperty("version").GetInt32() != Version)
                return null;
            if (root.GetProperty("timestamp").GetString() is not { } time || root.GetProperty("rootHash").GetString() is not { } rootHash || root.GetProperty("mac").GetString() is not { } mac)
                return null;
            var timestamp = DateTimeOffset.ParseExact(time, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return new SignedTreeHead(root.GetProperty("treeSize").GetInt64(), rootHash, timestamp, mac);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
