using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Fhir;

/// <summary>What a descriptor's FHIR settings ask of ingest.</summary>
internal static class FhirFeeds
{
    public const string Kind = "fhir_ndjson";

    public static bool IsFhir(SourceDescriptor descriptor) => descriptor.Format.Kind == Kind;

    /// <summary>A feed of Patients identified by their own identity code: each one's id is recorded in the system's Patient index.</summary>
    public static bool RecordsPatients(SourceDescriptor descriptor) =>
        IsFhir(descriptor) && descriptor.Format.Resource == FhirResources.Patient && descriptor.IdentityKind == IdentityKinds.IdentityCode;

    /// <summary>A feed whose rows find their patient by a reference to a Patient, through the system's Patient index.</summary>
    public static bool ResolvesPatientReferences(SourceDescriptor descriptor) => descriptor.IdentityKind == IdentityKinds.PatientReference;

    public static bool UsesPatientIndex(SourceDescriptor descriptor) => RecordsPatients(descriptor) || ResolvesPatientReferences(descriptor);
}
