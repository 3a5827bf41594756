namespace Lake.Extract.Omop;

/// <summary>
/// Lake's canonical unit spellings (mmol/l, mmHg, °C, bpm) as UCUM codes, which are what Athena's
/// UCUM concepts carry (mmol/L, mm[Hg], Cel, /min). UCUM allows the litre as l or L, but Athena
/// lists L; the rest are the few care-table units UCUM writes its own way. A spelling, not a
/// mapping: the concept still comes from the vocabulary, or is 0.
/// </summary>
internal static class OmopUnitSpelling
{
    /// <summary>SQL giving the UCUM code of the unit in <paramref name="column"/> (an expression of Lake's own).</summary>
    public static string Ucum(string column) => $"""
        CASE {column}
            WHEN 'mmHg' THEN 'mm[Hg]'
            WHEN '°C' THEN 'Cel'
            WHEN 'bpm' THEN '/min'
            ELSE regexp_replace({column}, '(^|[^A-Za-z])([munpd]?)l($|[^A-Za-z])', '\1\2L\3', 'g')
        END
        """;
}
