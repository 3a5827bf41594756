namespace Lake.Contracts.Extraction;

/// <summary>
/// A measurement in a register that keeps measurements as code, value, unit and time (its register
/// file names those columns): one of <see cref="Codes"/> and, when <see cref="Min"/> or
/// <see cref="Max"/> is given, a value within those inclusive bounds. Echocardiography, intensive
/// care monitoring and device readings are filtered this way without a criterion of their own.
/// </summary>
public sealed record MeasurementCriterion
{
    /// <summary>The measurement register, e.g. echocardiography or basic_measurement.</summary>
    public string Register { get; init; } = "";

    /// <summary>What was measured, matched exactly against the register's code column (e.g. LVEF).</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    public double? Min { get; init; }

    public double? Max { get; init; }

    public EventWindow Window { get; init; } = new();

    /// <summary>The first matching event is the patient's index date.</summary>
    public bool Index { get; init; }
}
