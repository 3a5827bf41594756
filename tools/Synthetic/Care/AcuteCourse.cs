namespace Lake.Synthetic.Care;

/// <summary>
/// What a diagnosis brings on beyond the visit: admission and its length, an operation, imaging,
/// an ambulance before and intensive care during, an ECG, and a prescription at discharge.
/// </summary>
internal sealed record AcuteCourse
{
    public static readonly AcuteCourse None = new();

    public double Admission { get; init; }

    public int MinDays { get; init; } = 1;

    public int MaxDays { get; init; } = 3;

    public Surgery? Surgery { get; init; }

    public double SurgeryChance { get; init; }

    /// <summary>Hours from arrival to the operation; elective operations come weeks later.</summary>
    public (int Min, int Max) SurgeryDelayHours { get; init; } = (2, 30);

    /// <summary>A procedure outside the operating theatre, e.g. coronary angioplasty.</summary>
    public string? Procedure { get; init; }

    public ImagingExam? Imaging { get; init; }

    public double ImagingChance { get; init; } = 0.9;

    public double Ambulance { get; init; }

    /// <summary>Emergency medical services task code of the call.</summary>
    public string Task { get; init; } = "790";

    public double IntensiveCare { get; init; }

    public double Ecg { get; init; }

    public Drug? Drug { get; init; }
}
