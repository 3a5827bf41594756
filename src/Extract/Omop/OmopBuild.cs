using Lake.Extract.Querying;

namespace Lake.Extract.Omop;

/// <summary>
/// What every table builder shares: the session, the delivered files, the type concept of every row
/// and how the delivery's dates were coarsened, which decides whether a time of day is kept.
/// </summary>
internal sealed record OmopBuild(OmopSession Session, OmopDeliveredFiles Files, int TypeConcept, string DatePrecision)
{
    /// <summary>Dates are kept to the day (exactly, or shifted by whole days); with month or year precision they are not.</summary>
    public bool KeepsDays => DatePrecision is "exact" or "shift";

    /// <summary>The CDM's date of a delivered date or instant.</summary>
    public static string Date(string column) => $"CAST({SqlText.Identifier(column)} AS DATE)";

    /// <summary>The CDM's datetime, or NULL when the delivery coarsened the time away (a midnight the data never said).</summary>
    public string DateTime(string column) => KeepsDays ? $"CAST({SqlText.Identifier(column)} AS TIMESTAMP)" : "CAST(NULL AS TIMESTAMP)";

    /// <summary>Rows of a view joined to the persons written, with the view's person_id.</summary>
    public static string Persons(string view) => $"{SqlText.Identifier(view)} JOIN omop_person_ids USING (study_id)";

    public void Map(string table, string codes, IReadOnlyList<string> vocabularies) => OmopCodeMap.Create(Session, table, codes, vocabularies);
}
