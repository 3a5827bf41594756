namespace Lake.Contracts.Registers;

/// <summary>One column of a register: its name in the lake, type, whether every row must have it, and what it means.</summary>
public sealed record RegisterColumn(string Name, ColumnType Type, bool Required, string Description)
{
    /// <summary>Unit of a measured value as the catalog states it (cm, kg, %), when the column has one.</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// Text written by hand: it may name people, so it is delivered only under a permit that allows
    /// free text and is always scrubbed of direct identifiers. A column cannot change between free
    /// text and coded once batches hold it.
    /// </summary>
    public bool FreeText { get; init; }

    /// <summary>Earlier names of the column: batches written under an alias are read under <see cref="Name"/>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Kept readable for the batches that hold it, but no descriptor may write it any more.</summary>
    public bool Deprecated { get; init; }

    /// <summary>Lowest plausible value of a number column; a value below it is kept and counted as a warning.</summary>
    public double? PlausibleMin { get; init; }

    /// <summary>Highest plausible value of a number column; a value above it is kept and counted as a warning.</summary>
    public double? PlausibleMax { get; init; }

    /// <summary>For a number column declared <c>decimal(p,s)</c>: its digits, and that it is delivered as DECIMAL; null for any other column.</summary>
    public DecimalShape? Decimal { get; init; }

    /// <summary>A date or time stamp: date precision and date shifting apply to it on delivery.</summary>
    public bool IsDate => Type is ColumnType.Date or ColumnType.Timestamp;

    /// <summary>Same name, type, meaning and aliases: what a register's version fixes (descriptions and units may be reworded).</summary>
    public bool SameShapeAs(RegisterColumn other) =>
        Name == other.Name && Type == other.Type && Equals(Decimal, other.Decimal) && FreeText == other.FreeText && Required == other.Required
        && Deprecated == other.Deprecated && Aliases.SequenceEqual(other.Aliases, StringComparer.Ordinal);
}
