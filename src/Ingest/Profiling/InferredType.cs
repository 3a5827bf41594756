namespace Lake.Ingest.Profiling;

/// <summary>What a scanned feed column holds, judged from every non-empty value in the sample.</summary>
public enum InferredType
{
    /// <summary>No value in the sample.</summary>
    Empty,

    /// <summary>Whole numbers without leading zeros (a leading zero makes it a code: text).</summary>
    Integer,

    /// <summary>Numbers with a decimal point or a decimal comma.</summary>
    Decimal,

    /// <summary>Dates, all in one .NET format.</summary>
    Date,

    /// <summary>Dates with a time of day, all in one .NET format.</summary>
    Timestamp,

    /// <summary>Anything else.</summary>
    Text,
}
