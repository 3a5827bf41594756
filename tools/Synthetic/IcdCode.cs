using Lake.Pseudonymization;

namespace Lake.Synthetic;

/// <summary>
/// One ICD-10 code the generator uses, in THL's canonical dotted form, with who gets it and where.
/// Chronic codes carry a prevalence per age band (under 18, 18–64, 65 and over); acute codes a weight.
/// </summary>
internal sealed record IcdCode(string Code, DiagnosisKind Kind, IReadOnlyList<string> Specialties)
{
    public Sex? OnlySex { get; init; }

    public int MinAge { get; init; }

    public int MaxAge { get; init; } = 130;

    public double ChildPrevalence { get; init; }

    public double AdultPrevalence { get; init; }

    public double ElderlyPrevalence { get; init; }

    public double Weight { get; init; }

    public AcutePanel Panel { get; init; }

    /// <summary>First year the code is used, for COVID-19; the Apotti years all come after it.</summary>
    public int FirstYear { get; init; }

    /// <summary>Last year the code is used, for COVID-19.</summary>
    public int LastYear { get; init; } = 9999;

    public bool IsDiabetes => Code.StartsWith("E11", StringComparison.Ordinal);

    /// <summary>The code as an export without dots writes it: "E11.9" becomes "E119".</summary>
    public string Undotted => Code.Replace(".", "", StringComparison.Ordinal);

    public double PrevalenceAt(double age) => age < 18 ? ChildPrevalence : age < 65 ? AdultPrevalence : ElderlyPrevalence;

    public bool Fits(double age, Sex sex, int year) =>
        age >= MinAge && age <= MaxAge && (OnlySex is null || OnlySex == sex) && year >= FirstYear && year <= LastYear;
}
