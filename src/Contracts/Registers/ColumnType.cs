namespace Lake.Contracts.Registers;

/// <summary>
/// The logical type of a register column, as stored in Parquet. The names in register files are
/// DuckDB's: <c>text</c>, <c>integer</c> (32-bit), <c>bigint</c>, <c>double</c>, <c>date</c>, <c>timestamp</c>.
/// </summary>
public enum ColumnType
{
    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>32-bit integer; a value outside its range is quarantined, and the column can be widened to bigint.</summary>
    Integer,

    /// <summary>64-bit integer.</summary>
    BigInt,

    /// <summary>Double-precision number.</summary>
    Double,

    /// <summary>Calendar date without time; date precision and date shifting apply.</summary>
    Date,

    /// <summary>Local time stamp to the second; hospital systems record Finnish local time. Date precision and shifting apply.</summary>
    Timestamp,

    /// <summary>16 raw bytes (Parquet UUID): a register or study pseudonym. Never declared in a register file.</summary>
    Pseudonym,
}
