using System.Buffers.Binary;
using Lake.Contracts.Extraction;

namespace Lake.Extract.Preliminary;

/// <summary>
/// A preliminary study counted: the report as it may be shown, the true counts (for the audit log
/// only), and for every count shown the ledger tokens of the persons it counts
/// (<see cref="PreliminaryCounting.LedgerStudy"/>), which the differencing ledger compares with earlier answers.
/// </summary>
public sealed record PreliminaryAnswer(
    PreliminaryReport Report,
    IReadOnlyDictionary<string, long> TrueCounts,
    IReadOnlyDictionary<string, IReadOnlyCollection<ulong>> Cells)
{
    /// <summary>The answer as a worker sends it to the coordinator.</summary>
    public PreliminaryStudyCounted ToMessage() => new()
    {
        Report = PreliminaryReportJson.Serialize(Report),
        TrueCounts = TrueCounts,
        CellTokens = Cells.ToDictionary(c => c.Key, c => Pack(c.Value), StringComparer.Ordinal),
    };

    /// <summary>The inverse of <see cref="ToMessage"/>.</summary>
    /// <exception cref="FormatException">A cell's tokens are not packed 64-bit values.</exception>
    public static PreliminaryAnswer FromMessage(PreliminaryStudyCounted message) => new(
        PreliminaryReportJson.Deserialize(message.Report),
        new Dictionary<string, long>(message.TrueCounts, StringComparer.Ordinal),
        message.CellTokens.ToDictionary(c => c.Key, c => Unpack(c.Value), StringComparer.Ordinal));

    private static string Pack(IReadOnlyCollection<ulong> tokens)
    {
        var bytes = new byte[tokens.Count * sizeof(ulong)];
        var offset = 0;
        foreach (var token in tokens)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), token);
            offset += sizeof(ulong);
        }

        return Convert.ToBase64String(bytes);
    }

    private static IReadOnlyCollection<ulong> Unpack(string packed)
    {
        var bytes = Convert.FromBase64String(packed);
        if (bytes.Length % sizeof(ulong) != 0)
            throw new FormatException($"A cell of {bytes.Length} bytes is not a list of 64-bit tokens.");
        var tokens = new ulong[bytes.Length / sizeof(ulong)];
        for (var i = 0; i < tokens.Length; i++)
            tokens[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)));
        return tokens;
    }
}
