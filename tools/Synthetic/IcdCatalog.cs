using Lake.Pseudonymization;

namespace Lake.Synthetic;

/// <summary>
/// The ICD-10 codes of the synthetic diagnosis feed. Prevalences and weights are rough Finnish
/// figures, good enough that cohort queries return plausible shares, not epidemiology.
/// </summary>
internal static class IcdCatalog
{
    private const string Internal = "Sisätaudit";
    private const string Cardiology = "Kardiologia";
    private const string Endocrinology = "Endokrinologia";
    private const string Pulmonology = "Keuhkosairaudet";
    private const string Neurology = "Neurologia";
    private const string Surgery = "Kirurgia";
    private const string Psychiatry = "Psykiatria";
    private const string Paediatrics = "Lastentaudit";
    private const string Gynaecology = "Naistentaudit";
    private const string GeneralPractice = "Yleislääketiede";
    private const string Nephrology = "Nefrologia";
    private const string Gastroenterology = "Gastroenterologia";
    private const string Rheumatology = "Reumatologia";
    private const string Oncology = "Syöpätaudit";
    private const string Orthopaedics = "Ortopedia ja traumatologia";
    private const string Urology = "Urologia";
    private const string Ophthalmology = "Silmätaudit";
    private const string Dermatology = "Ihotaudit";
    private const string InfectiousDiseases = "Infektiosairaudet";
    private const string Geriatrics = "Geriatria";

    public static readonly IReadOnlyList<IcdCode> Chronic =
    [
        ChronicCode("I10", 0, 0.12, 0.45, Internal, Cardiology, GeneralPractice),
        ChronicCode("E78.0", 0, 0.08, 0.25, Internal, Cardiology, GeneralPractice),
        ChronicCode("J45.9", 0.07, 0.08, 0.08, Pulmonology, GeneralPractice),
        ChronicCode("I48.9", 0, 0.015, 0.12, Cardiology),
        ChronicCode("J44.9", 0, 0.02, 0.08, Pulmonology),
        ChronicCode("N18.3", 0, 0.01, 0.07, Nephrology, Internal),
        ChronicCode("I25.1", 0, 0.02, 0.12, Cardiology),
        ChronicCode("I50.9", 0, 0.005, 0.06, Cardiology, Internal),
        ChronicCode("F32.9", 0.02, 0.07, 0.05, Psychiatry, GeneralPractice),
        ChronicCode("F41.1", 0.01, 0.04, 0.02, Psychiatry),
        ChronicCode("F20.9", 0, 0.006, 0.004, Psychiatry),
        ChronicCode("E03.9", 0.005, 0.04, 0.07, Endocrinology, Internal),
        ChronicCode("E66.9", 0.02, 0.05, 0.04, Internal, GeneralPractice),
        ChronicCode("G40.9", 0.01, 0.01, 0.01, Neurology),
        ChronicCode("G35", 0, 0.003, 0.002, Neurology),
        ChronicCode("G20", 0, 0.001, 0.02, Neurology),
        ChronicCode("F03", 0, 0, 0.05, Geriatrics, Neurology),
        ChronicCode("K21.9", 0.005, 0.05, 0.08, Gastroenterology, Internal),
        ChronicCode("K50.9", 0.002, 0.004, 0.003, Gastroenterology),
        ChronicCode("M06.9", 0, 0.008, 0.015, Rheumatology),
        ChronicCode("M17.1", 0, 0.02, 0.10, Orthopaedics),
        ChronicCode("M54.5", 0.005, 0.06, 0.06, GeneralPractice, Orthopaedics),
        ChronicCode("L40.0", 0.003, 0.02, 0.02, Dermatology),
        ChronicCode("C50.9", 0, 0.02, 0.05, Oncology, Surgery) with { OnlySex = Sex.Female },
        ChronicCode("C61", 0, 0.005, 0.08, Urology, Oncology) with { OnlySex = Sex.Male },
        ChronicCode("C34.9", 0, 0.002, 0.01, Oncology, Pulmonology),
        ChronicCode("C18.9", 0, 0.002, 0.01, Oncology, Surgery),
    ];

    /// <summary>Type 2 diabetes, mostly unspecified; a person keeps one of these for good.</summary>
    public static readonly WeightedTable<IcdCode> Diabetes = new(
    [
        (DiabetesCode("E11.9"), 80),
        (DiabetesCode("E11.6"), 6),
        (DiabetesCode("E11.2"), 6),
        (DiabetesCode("E11.3"), 5),
        (DiabetesCode("E11.4"), 3),
    ]);

    public static readonly WeightedTable<IcdCode> Acute = new(
    [
        (AcuteCode("J06.9", GeneralPractice, Paediatrics), 8),
        (AcuteCode("J18.9", InfectiousDiseases, Internal, Pulmonology) with { Panel = AcutePanel.Infection }, 5),
        (AcuteCode("N39.0", GeneralPractice, Urology) with { Panel = AcutePanel.UrinaryInfection }, 5),
        (AcuteCode("R07.4", Cardiology, Internal) with { MinAge = 18, Panel = AcutePanel.Cardiac }, 4),
        (AcuteCode("R10.4", Surgery, GeneralPractice), 4),
        (AcuteCode("A09", InfectiousDiseases, GeneralPractice) with { Panel = AcutePanel.Gastroenteritis }, 3),
        (AcuteCode("J20.9", GeneralPractice), 3),
        (AcuteCode("U07.1", InfectiousDiseases, Internal) with { FirstYear = 2020, LastYear = 2022, Panel = AcutePanel.Infection }, 3),
        (AcuteCode("H66.9", Paediatrics) with { MaxAge = 12 }, 3),
        (AcuteCode("M25.5", GeneralPractice, Orthopaedics), 2),
        (AcuteCode("R51", Neurology, GeneralPractice), 2),
        (AcuteCode("S72.0", Orthopaedics) with { MinAge = 60, Panel = AcutePanel.Trauma }, 1.5),
        (AcuteCode("S52.5", Orthopaedics) with { Panel = AcutePanel.Trauma }, 1.5),
        (AcuteCode("I63.9", Neurology) with { MinAge = 40, Panel = AcutePanel.Cardiac }, 1.5),
        (AcuteCode("I21.9", Cardiology) with { MinAge = 40, Panel = AcutePanel.Cardiac }, 1.5),
        (AcuteCode("K35.8", Surgery) with { MinAge = 5, MaxAge = 60, Panel = AcutePanel.Infection }, 1.5),
        (AcuteCode("K80.2", Surgery) with { MinAge = 18 }, 1.5),
        (AcuteCode("L03.1", InfectiousDiseases, Dermatology) with { Panel = AcutePanel.Infection }, 1.5),
        (AcuteCode("H26.9", Ophthalmology) with { MinAge = 60 }, 1.5),
        (AcuteCode("D50.9", Internal, Gynaecology), 1.5),
        (AcuteCode("N92.0", Gynaecology) with { OnlySex = Sex.Female, MinAge = 15, MaxAge = 50 }, 1.5),
        (AcuteCode("O80", Gynaecology) with { OnlySex = Sex.Female, MinAge = 18, MaxAge = 45 }, 1.5),
    ]);

    private static IcdCode ChronicCode(string code, double child, double adult, double elderly, params string[] specialties) =>
        new(code, DiagnosisKind.Chronic, specialties)
        {
            ChildPrevalence = child,
            AdultPrevalence = adult,
            ElderlyPrevalence = elderly,
        };

    private static IcdCode DiabetesCode(string code) =>
        new(code, DiagnosisKind.Chronic, [Endocrinology, Internal, GeneralPractice]) { MinAge = 25 };

    private static IcdCode AcuteCode(string code, params string[] specialties) => new(code, DiagnosisKind.Acute, specialties);
}
