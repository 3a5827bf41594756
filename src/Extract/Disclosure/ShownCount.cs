namespace Lake.Extract.Disclosure;

/// <summary>A count as it may be shown to someone without a permit: the number, or suppressed and why.</summary>
public readonly record struct ShownCount(long? Value, int Threshold, Suppression Reason = Suppression.None)
{
    public bool IsSuppressed => Value is null;

    /// <summary>The number, "1-5" for a small count, "suppressed" for one hidden for another reason (it may be large).</summary>
    public override string ToString() =>
        Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (Reason == Suppression.Small ? $"1-{Threshold}" : "suppressed");
}
