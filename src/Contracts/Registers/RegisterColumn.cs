namespace Lake.Contracts.Registers;

/// <summary>One column of a register: its name in the lake, type, whether every row must have it, and what it means.</summary>
public sealed record RegisterColumn(string Name, ColumnType Type, bool Required, string Description)
{
    /// <summary>Lowest plausible value of a number column; a value below it is kept and counted as a warning.</summary>
    public double? PlausibleMin { get; init; }

    /// <summary>Highest plausible value of a number column; a value above it is kept and counted as a warning.</summary>
    public double? PlausibleMax { get; init; }
}
