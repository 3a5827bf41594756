namespace Lake.Ingest.Mapping;

/// <summary>One converted field, kept as a struct so a row converts without boxing.</summary>
internal readonly record struct FieldValue(bool HasValue, long Integer, double Number, DateTime Time, string? Text)
{
    public static FieldValue Null => default;

    public static FieldValue OfInteger(long value) => new(true, value, 0, default, null);

    public static FieldValue OfNumber(double value) => new(true, 0, value, default, null);

    public static FieldValue OfTime(DateTime value) => new(true, 0, 0, value, null);

    public static FieldValue OfText(string value) => new(true, 0, 0, default, value);
}
