namespace Lake.Synthetic;

/// <summary>
/// HUS-like unit names. Many Apotti department names have the form "Unit, Site", so the
/// diagnosis CSV needs quoting; one ward name also carries double quotes, so an ingest's
/// handling of escaped quotes ("") is exercised too.
/// </summary>
internal static class ClinicalUnits
{
    private static readonly Dictionary<string, string[]> DepartmentsBySpecialty = new(StringComparer.Ordinal)
    {
        ["Sisätaudit"] = ["Sisätaudit, Meilahti", "Sisätautien poliklinikka, Jorvi", "Sisätautien osasto, Peijas", "Sisätautien poliklinikka, Hyvinkää"],
        ["Kardiologia"] = ["Kardiologian poliklinikka, Meilahti", "Kardiologia, Jorvi", "Kardiologian osasto \"Sydän 4\", Meilahti"],
        ["Endokrinologia"] = ["Endokrinologian poliklinikka, Meilahti", "Endokrinologia, Jorvi", "Diabetespoliklinikka, Peijas"],
        ["Keuhkosairaudet"] = ["Keuhkosairauksien poliklinikka, Meilahti", "Keuhkosairaudet, Jorvi", "Keuhkosairauksien poliklinikka, Peijas"],
        ["Neurologia"] = ["Neurologian poliklinikka, Meilahti", "Neurologia, Jorvi", "Aivoinfarktiyksikkö, Meilahti"],
        ["Kirurgia"] = ["Kirurgian päivystys, Jorvi", "Gastrokirurgian osasto, Meilahti", "Kirurgia, Porvoo"],
        ["Psykiatria"] = ["Psykiatrian poliklinikka, Peijas", "Psykiatria, Kellokoski", "Psykiatriakeskus"],
        ["Lastentaudit"] = ["Uusi lastensairaala", "Lastentautien poliklinikka, Jorvi", "Lastenpäivystys, Jorvi"],
        ["Naistentaudit"] = ["Naistenklinikka", "Naistentautien poliklinikka, Jorvi", "Synnytysosasto, Kätilöopisto"],
        ["Yleislääketiede"] = ["Yhteispäivystys, Haartman", "Yhteispäivystys, Malmi", "Päivystys, Hyvinkää"],
        ["Nefrologia"] = ["Nefrologian poliklinikka, Meilahti"],
        ["Gastroenterologia"] = ["Gastroenterologian poliklinikka, Meilahti", "Vatsakeskus"],
        ["Reumatologia"] = ["Reumatologian poliklinikka, Meilahti"],
        ["Syöpätaudit"] = ["Syöpäkeskus, Meilahti", "Syöpätautien poliklinikka, Lohja"],
        ["Ortopedia ja traumatologia"] = ["Töölön sairaala", "Ortopedia ja traumatologia, Jorvi", "Ortopedia, Peijas"],
        ["Urologia"] = ["Urologian poliklinikka, Peijas", "Urologia, Meilahti"],
        ["Silmätaudit"] = ["Silmäklinikka", "Silmätautien poliklinikka, Lohja"],
        ["Ihotaudit"] = ["Iho- ja allergiasairaala"],
        ["Infektiosairaudet"] = ["Infektiosairauksien osasto, Meilahti", "Infektiopoliklinikka, Jorvi"],
        ["Geriatria"] = ["Geriatrian poliklinikka, Lohja", "Geriatria, Porvoo"],
    };

    /// <summary>Multilab TILAAJA: ordering units for routine and follow-up samples.</summary>
    public static readonly WeightedTable<string> RoutineOrderers = new(
    [
        ("Terveyskeskus Helsinki", 5),
        ("Terveyskeskus Espoo", 3),
        ("Terveyskeskus Vantaa", 3),
        ("Sisätautien poliklinikka Meilahti", 2),
        ("Sisätautien poliklinikka Jorvi", 2),
        ("Kardiologian poliklinikka Meilahti", 1),
        ("Hyvinkään sairaala", 1),
        ("Lohjan sairaala", 1),
        ("Porvoon sairaala", 1),
        ("Työterveyshuolto Järvenpää", 1),
    ]);

    public static readonly IReadOnlyList<string> DiabetesOrderers =
        ["Endokrinologian poliklinikka Meilahti", "Diabetespoliklinikka Peijas", "Terveyskeskus Helsinki", "Terveyskeskus Espoo", "Terveyskeskus Mäntsälä"];

    public static readonly IReadOnlyList<string> EmergencyOrderers =
        ["Yhteispäivystys Haartman", "Yhteispäivystys Malmi", "Päivystys Jorvi", "Päivystys Meilahti", "Päivystys Peijas", "Päivystys Hyvinkää"];

    public static readonly IReadOnlyList<string> ChildOrderers = ["Uusi lastensairaala", "Lastenpoliklinikka Jorvi", "Lastenpäivystys Jorvi"];

    public const string Paediatrics = "Lastentaudit";

    public static IReadOnlyList<string> DepartmentsOf(string specialty) => DepartmentsBySpecialty[specialty];
}
