using Lake.Ingest.Mapping;

namespace Lake.Ingest.Fhir;

/// <summary>
/// Resolves a resource's reference to its Patient (<c>subject.reference</c>) to the Patient's
/// identity code, through the <see cref="FhirPatientIndex"/> of the system. Accepted forms:
/// <c>Patient/&lt;id&gt;</c>, <c>urn:uuid:&lt;id&gt;</c> and an absolute URL ending in
/// <c>Patient/&lt;id&gt;</c>, each with an optional <c>/_history/&lt;version&gt;</c>. Anything else,
/// and a Patient the index does not have, is quarantined as <c>unknown_patient_reference</c>.
/// </summary>
internal sealed class FhirPatientReferences(FhirPatientIndex patients, string system) : IIdentityResolver
{
    private const string UrnUuid = "urn:uuid:";
    private const string History = "/_history/";

    public Rejection? Resolve(ReadOnlySpan<char> reference, out string identityCode, out int shiftDays)
    {
        identityCode = "";
        shiftDays = 0;
        if (!TryPatientId(reference, out var id, out var problem))
            return Unknown(problem);
        if (!patients.TryGet(id, out identityCode))
            return Unknown($"refers to Patient/{Printable(id)}, which no Patient resource ingested from {system} has: ingest the Patient file first, then this feed again");
        return null;
    }

    /// <summary>The Patient id a reference names, or why it names none.</summary>
    public static bool TryPatientId(ReadOnlySpan<char> reference, out ReadOnlySpan<char> id, out string problem)
    {
        id = default;
        problem = "";
        reference = reference.Trim();
        if (reference.IsEmpty)
            return Fail("the resource names no patient (its patient reference is empty)", out problem);
        if (reference.StartsWith(UrnUuid, StringComparison.OrdinalIgnoreCase))
        {
            id = reference[UrnUuid.Length..];
            return !id.IsEmpty || Fail("'urn:uuid:' names no id", out problem);
        }

        if (reference[0] == '#')
            return Fail($"'{Printable(reference)}' refers to a resource contained in this one, not to a Patient of the export", out problem);

        var history = reference.IndexOf(History, StringComparison.Ordinal);
        if (history >= 0)
            reference = reference[..history];
        var slash = reference.LastIndexOf('/');
        if (slash <= 0 || slash == reference.Length - 1)
            return Fail($"'{Printable(reference)}' is not a reference to a Patient (Patient/<id>, urn:uuid:<id> or a URL ending in Patient/<id>)", out problem);

        var type = reference[..slash];
        type = type[(type.LastIndexOf('/') + 1)..];
        if (!type.SequenceEqual(FhirResources.Patient))
            return Fail($"the reference is to a {Printable(type)}, not to a Patient", out problem);
        id = reference[(slash + 1)..];
        return true;
    }

    private static Rejection Unknown(string message) => new(RejectionReasons.UnknownPatientReference, "identity", message);

    private static bool Fail(string message, out string problem)
    {
        problem = message;
        return false;
    }

    /// <summary>Quoted back in a reason, a value from the feed is cut short; a quarantine masks identity codes in it.</summary>
    private static string Printable(ReadOnlySpan<char> text) => text.Length <= 64 ? text.ToString() : string.Concat(text[..64], "…");
}
