using System.Security.Cryptography;
using System.Text;

namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>
/// The append-only file of checkpoints, one JSON line each (<see cref="CheckpointJson"/>), kept
/// apart from the control-plane database: whoever can rewrite the database still cannot take a
/// published checkpoint back. It is the checkpoint copy that <c>lake audit verify</c> reads.
/// </summary>
public sealed class CheckpointFile(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// The default file for a database: beside the key ring (outside the data folder, like every
    /// other secret-adjacent file), named after the database's full path so that lakes sharing a
    /// key ring keep their checkpoints apart.
    /// </summary>
    public static string DefaultPath(string keyRingPath, string databasePath)
    {
        var keyRing = System.IO.Path.GetFullPath(keyRingPath);
        var log = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(System.IO.Path.GetFullPath(databasePath))))[..16];
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(keyRing)!, $"{System.IO.Path.GetFileNameWithoutExtension(keyRing)}.audit-{log}.checkpoints");
    }

    /// <exception cref="IOException">The file cannot be appended to; the append that asked fails with it.</exception>
    public void Append(SignedTreeHead head) => AppendOnlyFile.Write(Path, Encoding.UTF8.GetBytes(CheckpointJson.Serialize(head) + "\n"));

    /// <summary>Whether any checkpoint was ever published here: a log with one is past its upgrade to sealed entries.</summary>
    public bool HasCheckpoints() => File.Exists(Path) && new FileInfo(Path).Length > 0;

    /// <summary>
    /// Every line, in order. A last line without its newline is left out: the write of a checkpoint
    /// that crashed half-way, whose entries were never committed.
    /// </summary>
    public IEnumerable<CheckpointLine> ReadAll()
    {
        if (!File.Exists(Path))
            yield break;
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var complete = stream.Length > 0 && EndsWithNewline(stream);
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
        long number = 0;
        var line = reader.ReadLine();
        while (line is not null)
        {
            var next = reader.ReadLine();
            if (next is null && !complete)
                yield break;
            yield return new CheckpointLine(++number, CheckpointJson.Parse(line));
            line = next;
        }
    }

    private static bool EndsWithNewline(FileStream stream)
    {
        stream.Seek(-1, SeekOrigin.End);
        var last = stream.ReadByte();
        stream.Seek(0, SeekOrigin.Begin);
        return last == '\n';
    }

    public override string ToString() => Path;
}
