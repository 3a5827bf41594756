namespace Lake.Extract.Disclosure;

/// <summary>A count as it may be shown to someone without a permit: the number, or suppressed.</summary>
public readonly record struct ShownCount(long? Value, int Threshold)
{
    public bool IsSuppressed => Value is null;

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"1-{Threshold}";
}
