using Lake.Contracts.Lake;
using Lake.Contracts.Registers;

namespace Lake.Extract.Querying;

/// <summary>
/// The choice between overlapping systems (see docs/overlapping-sources.md): where two systems sent
/// the same event, one copy is delivered. Deliveries and preliminary studies both apply it, so a
/// preliminary study counts the rows a delivery of the same specification would hold.
/// </summary>
internal static class OverlappingSources
{
    /// <summary>
    /// A QUALIFY condition over the register aliased r joined to a pseudonym map aliased m: true for
    /// one copy of each event, the preferred source's.
    /// </summary>
    public static string DeliveredCopy(RegisterDefinition register) =>
        $"row_number() OVER (PARTITION BY {EventIdentity(register)} ORDER BY {SourcePreference(register)}) = 1";

    /// <summary>
    /// One event, whichever system sent it: the patient and the register's event key. A register
    /// without an event key (patient background) keeps one row per patient.
    /// </summary>
    private static string EventIdentity(RegisterDefinition register) =>
        string.Join(", ", register.EventKey.Select(c => "r." + SqlText.Identifier(c)).Prepend("m.member"));

    /// <summary>The preferred source first; then a stable order so replays pick the same row.</summary>
    private static string SourcePreference(RegisterDefinition register)
    {
        var ranks = register.SourcePrecedence.Select((system, rank) => $"WHEN {SqlText.Literal(LakeLayout.SourceSlug(system))} THEN {rank}");
        var tiebreak = register.Columns.Select(c => "r." + SqlText.Identifier(c.Name));
        return string.Join(", ", tiebreak.Prepend($"CASE r.source {string.Join(" ", ranks)} ELSE {register.SourcePrecedence.Count} END"));
    }
}
