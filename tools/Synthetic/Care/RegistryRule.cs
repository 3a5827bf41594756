using Lake.Pseudonymization;

namespace Lake.Synthetic.Care;

/// <summary>
/// Who a quality registry enrols: people with one of its diagnoses (ICD-10 prefixes) first, then anyone
/// of the right age and sex, and the clinical variable it follows besides quality of life.
/// </summary>
internal sealed record RegistryRule(string[] Prefixes, int MinAge = 0, int MaxAge = 120, Sex? Sex = null)
{
    public (string Name, double Min, double Max, int Decimals)? Variable { get; init; }

    public bool Fits(double age, Sex sex) => age >= MinAge && age <= MaxAge && (Sex is null || Sex == sex);
}
