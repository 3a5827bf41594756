namespace Lake.Ingest.Fhir;

/// <summary>Names from the FHIR specification that ingest relies on.</summary>
internal static class FhirResources
{
    /// <summary>The resource whose identifier holds the identity code, and which every other resource refers to.</summary>
    public const string Patient = "Patient";

    /// <summary>A resource's logical id: what <c>Patient/&lt;id&gt;</c> references name.</summary>
    public const string IdPath = "id";
}
