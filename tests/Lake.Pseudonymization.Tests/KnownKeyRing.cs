using System.Runtime.Versioning;

namespace Lake.Pseudonymization.Tests;

/// <summary>
/// Writes a key ring file with fixed keys in the documented format, so tests can recompute
/// every pseudonym independently from the published construction.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class KnownKeyRing
{
    public const string StudyId = "study-known";

    public static byte[] IdentityKey { get; } = Sequence(0x00);

    public static byte[] RegisterKey1 { get; } = Sequence(0x20);

    public static byte[] RegisterKey2 { get; } = Sequence(0x40);

    public static byte[] StudyKey { get; } = Sequence(0x60);

    public static string Write(string path)
    {
        var json = $$"""
            {
              "version": 1,
              "identityKey": "{{Convert.ToBase64String(IdentityKey)}}",
              "registerKeys": [
                { "id": 1, "secret": "{{Convert.ToBase64String(RegisterKey1)}}", "created": "2025-01-01T00:00:00+00:00" },
                { "id": 2, "secret": "{{Convert.ToBase64String(RegisterKey2)}}", "created": "2025-06-01T00:00:00+00:00" }
              ],
              "currentKeyId": 2,
              "studyKeys": {
                "{{StudyId}}": { "secret": "{{Convert.ToBase64String(StudyKey)}}", "created": "2025-07-01T00:00:00+00:00" }
              }
            }
            """;
        WriteOwnerOnly(path, json);
        return path;
    }

    public static void WriteOwnerOnly(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static byte[] Sequence(int start) => [.. Enumerable.Range(start, 32).Select(i => (byte)i)];
}
