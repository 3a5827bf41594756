namespace Lake.Contracts.Extraction;

/// <summary>How the delivery is written: Parquet always, CSV beside it on request.</summary>
public sealed record DeliveryOptions
{
    public bool Csv { get; init; }

    /// <summary>
    /// exact, month or year (dates truncated), or shift: every date of a patient moved by the same
    /// random number of days, constant within the study, so intervals stay exact.
    /// </summary>
    public string DatePrecision { get; init; } = "exact";

    /// <summary>With shift: the largest shift in days, either way.</summary>
    public int ShiftMaxDays { get; init; } = 180;
}
