namespace Lake.Synthetic.Care;

/// <summary>
/// What the care history knows about one person beyond the population: when each chronic condition
/// began, the medicine kept for it, personal measurement levels, and every diagnosis with its time.
/// </summary>
internal sealed class PersonCare(int index, PersonProfile profile)
{
    public int Index { get; } = index;

    public PersonProfile Profile { get; } = profile;

    /// <summary>Onset of each chronic condition; type 2 diabetes starts at its first Apotti diagnosis.</summary>
    public Dictionary<IcdCode, DateTime> Onsets { get; } = [];

    public Dictionary<IcdCode, Drug> Treatments { get; } = [];

    /// <summary>Conditions whose medicine a system has recorded at least once, by system.</summary>
    public HashSet<(IcdCode Code, string System)> Reconciled { get; } = [];

    /// <summary>Every diagnosis the person received, with its time: onsets and the primary diagnoses of encounters.</summary>
    public List<(IcdCode Code, DateTime Time)> Diagnosed { get; } = [];

    public double Systolic { get; set; }

    public double Diastolic { get; set; }

    public double Pulse { get; set; }

    public double WeightKg { get; set; }

    public double HeightCm { get; set; }

    public bool KneeReplaced { get; set; }

    public DateOnly FirstDay => Profile.FirstEventDay;

    public DateOnly LastDay => Profile.LastEventDay;

    public double AgeAt(DateTime time) => Profile.AgeAt(DateOnly.FromDateTime(time));

    /// <summary>Strictly after birth, strictly before death, never after the synthetic today.</summary>
    public bool Fits(DateTime time) => DateOnly.FromDateTime(time) >= FirstDay && DateOnly.FromDateTime(time) <= LastDay;

    public IEnumerable<IcdCode> ActiveAt(DateTime time) => Onsets.Where(o => o.Value <= time).Select(o => o.Key);
}
