namespace Lake.Ingest.Descriptors;

public sealed class YearRange
{
    public int From { get; set; }

    /// <summary>Null while the system still delivers.</summary>
    public int? To { get; set; }

    public bool Contains(int year) => year >= From && (To is null || year <= To);

    public override string ToString() => To is null ? $"{From} onwards" : $"{From}-{To}";
}
