namespace Lake.Ingest.Descriptors;

/// <summary>What a descriptor's identity field holds.</summary>
public static class IdentityKinds
{
    /// <summary>The identity code itself (or, with a crosswalk, a local number mapped to it).</summary>
    public const string IdentityCode = "identity_code";

    /// <summary>A FHIR reference to a Patient (Patient/&lt;id&gt;, urn:uuid:&lt;id&gt;, or a URL ending in Patient/&lt;id&gt;).</summary>
    public const string PatientReference = "patient_reference";
}
