namespace Lake.Contracts.Extraction;

/// <summary>
/// When a criterion's events must lie: between absolute dates, and/or within a number of days
/// before or after the patient's index date. Both relative bounds given means the span around it.
/// </summary>
public sealed record EventWindow
{
    public DateOnly? From { get; init; }

    /// <summary>Inclusive last day.</summary>
    public DateOnly? To { get; init; }

    /// <summary>The event is at most this many days before the index date (or on it).</summary>
    public int? WithinDaysBeforeIndex { get; init; }

    /// <summary>The event is at most this many days after the index date (or on it).</summary>
    public int? WithinDaysAfterIndex { get; init; }
}
