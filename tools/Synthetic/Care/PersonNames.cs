namespace Lake.Synthetic.Care;

/// <summary>A small list of common Finnish names and places for the identifiers free text carries.</summary>
internal static class PersonNames
{
    public static readonly IReadOnlyList<string> FirstNames =
    [
        "Matti", "Juha", "Mikko", "Timo", "Kari", "Jari", "Antti", "Ville", "Eino", "Väinö", "Pekka", "Jukka",
        "Anna", "Maria", "Tuula", "Päivi", "Sari", "Laura", "Emilia", "Aino", "Helmi", "Leena", "Sanna", "Minna",
    ];

    public static readonly IReadOnlyList<string> LastNames =
    [
        "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen",
        "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen",
    ];

    public static readonly IReadOnlyList<(string Street, string Postcode, string City)> Streets =
    [
        ("Mannerheimintie", "00250", "Helsinki"), ("Hämeentie", "00530", "Helsinki"), ("Mechelininkatu", "00100", "Helsinki"),
        ("Tapiolantie", "02100", "Espoo"), ("Leppävaarankatu", "02600", "Espoo"), ("Myyrmäentie", "01600", "Vantaa"),
        ("Tikkurilantie", "01300", "Vantaa"), ("Sibeliuksenkatu", "04400", "Järvenpää"), ("Hämeenkatu", "05800", "Hyvinkää"),
        ("Mannerheiminkatu", "06100", "Porvoo"), ("Karstuntie", "08100", "Lohja"), ("Asematie", "04300", "Tuusula"),
    ];

    public static readonly IReadOnlyList<string> MailDomains = ["gmail.com", "hotmail.com", "outlook.com", "luukku.com", "kolumbus.fi", "suomi24.fi"];
}
