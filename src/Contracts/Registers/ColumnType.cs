namespace Lake.Contracts.Registers;

/// <summary>The logical type of a register column, as stored in Parquet.</summary>
public enum ColumnType
{
    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>64-bit integer.</summary>
    Integer,

    /// <summary>Double-precision number.</summary>
    Decimal,

    /// <summary>Calendar date without time.</summary>
    Date,

    /// <summary>Local time stamp to the second; hospital systems record Finnish local time.</summary>
    Timestamp,

    /// <summary>16 raw bytes (Parquet UUID): a register or study pseudonym.</summary>
    Pseudonym,
}
