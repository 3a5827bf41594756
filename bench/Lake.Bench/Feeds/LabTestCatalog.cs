namespace Lake.Bench.Feeds;

/// <summary>
/// The examinations and ordering units the benchmark feed draws from. Lake.Synthetic's catalog is
/// internal and smaller (nine tests); this one is wider so dictionary sizes and value spreads look
/// more like a real Multilab year, with qualitative and below-detection-limit text results mixed in.
/// </summary>
internal static class LabTestCatalog
{
    public static readonly IReadOnlyList<LabTestSpec> Tests =
    [
        new("1552", "B -Hb", "g/l", 138, 14, 0, 10),
        new("2766", "B -Leuk", "E9/l", 7.0, 2.2, 1, 6),
        new("2767", "B -Trom", "E9/l", 250, 65, 0, 5),
        new("3048", "E -MCV", "fl", 90, 5, 0, 2),
        new("4520", "P -CRP", "mg/l", 12, 20, 0, 8, CensoredText: "<3", CensoredShare: 0.35),
        new("2143", "P -Krea", "umol/l", 80, 22, 0, 8),
        new("1999", "P -K", "mmol/l", 4.1, 0.35, 1, 7),
        new("2000", "P -Na", "mmol/l", 140, 2.5, 0, 7),
        new("1997", "P -Ca", "mmol/l", 2.35, 0.1, 2, 2),
        new("4117", "P -Alb", "g/l", 38, 4, 0, 2),
        new("1024", "P -ALAT", "U/l", 28, 15, 0, 4),
        new("1026", "P -AFOS", "U/l", 72, 20, 0, 2),
        new("2467", "P -GT", "U/l", 35, 25, 0, 2),
        new("3445", "P -TSH", "mU/l", 2.0, 1.0, 2, 3),
        new("1512", "P -Ferrit", "ug/l", 110, 80, 0, 2),
        new("4587", "P -TnT", "ng/l", 14, 20, 0, 1, CensoredText: "<5", CensoredShare: 0.3),
        new("2095", "B -HbA1c", "mmol/mol", 44, 11, 0, 4),
        new("1468", "fP -Gluk", "mmol/l", 5.9, 1.3, 1, 5),
        new("4568", "fP -Kol", "mmol/l", 5.0, 1.0, 1, 3),
        new("4242", "fP -LDL-Kol", "mmol/l", 3.0, 0.8, 1, 3),
        new("4570", "fP -HDL-Kol", "mmol/l", 1.5, 0.4, 2, 2),
        new("4569", "fP -Trigly", "mmol/l", 1.3, 0.6, 2, 2),
        new("2146", "U -AlbKrea", "mg/mmol", 2.5, 3, 1, 1),
        new("6211", "U -Seul", "", 0, 0, 0, 3, PositiveShare: 0.08),
        new("1881", "U -KemSeul", "", 0, 0, 0, 2, PositiveShare: 0.15),
        new("3232", "S -HIVAgAb", "", 0, 0, 0, 1, PositiveShare: 0.002),
    ];

    /// <summary>TILAAJA: ordering units, with the Finnish letters a UTF-8 feed must carry.</summary>
    public static readonly IReadOnlyList<string> Orderers =
    [
        "Terveyskeskus Helsinki", "Terveyskeskus Espoo", "Terveyskeskus Vantaa", "Terveyskeskus Mäntsälä",
        "Sisätautien poliklinikka Meilahti", "Sisätautien poliklinikka Jorvi", "Kardiologian poliklinikka Meilahti",
        "Endokrinologian poliklinikka Meilahti", "Diabetespoliklinikka Peijas", "Yhteispäivystys Haartman",
        "Yhteispäivystys Malmi", "Päivystys Jorvi", "Päivystys Meilahti", "Uusi lastensairaala",
        "Hyvinkään sairaala", "Lohjan sairaala", "Porvoon sairaala", "Työterveyshuolto Järvenpää",
    ];
}
