using Lake.Pseudonymization;

namespace Lake.Synthetic;

/// <summary>Everything the generator knows about one synthetic person, including what the feeds never show.</summary>
internal sealed class PersonProfile
{
    public required Hetu Hetu { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required Sex Sex { get; init; }

    public DateOnly? DeathDate { get; init; }

    public required string Municipality { get; init; }

    public required DateOnly Updated { get; init; }

    public double? HeightCm { get; init; }

    public double? WeightKg { get; init; }

    public List<IcdCode> Chronic { get; } = [];

    /// <summary>The type 2 diabetes code this person is diagnosed with in Apotti, if any.</summary>
    public IcdCode? Diabetes { get; set; }

    /// <summary>Time of the first diabetes row in the diagnosis feed; follow-up HbA1c starts after it.</summary>
    public DateTime? FirstDiabetesDiagnosis { get; set; }

    public bool HasChronicKidneyDisease { get; set; }

    /// <summary>Events fall strictly after the birth day and strictly before the death day.</summary>
    public DateOnly FirstEventDay => BirthDate.AddDays(1);

    public DateOnly LastEventDay => DeathDate is { } death ? death.AddDays(-1) : SyntheticCalendar.Today;

    public double AgeAt(DateOnly day) => SyntheticCalendar.AgeInYears(BirthDate, day);

    public SyntheticPerson ToTruth() =>
        new(Hetu.Value, BirthDate, Sex == Sex.Male ? "male" : "female", DeathDate, Municipality);
}
