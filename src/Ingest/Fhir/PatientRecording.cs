namespace Lake.Ingest.Fhir;

/// <summary>What recording a Patient in the <see cref="FhirPatientIndex"/> did.</summary>
internal enum PatientRecording
{
    Added,
    AlreadyKnown,

    /// <summary>The id was recorded before with another identity code; the index keeps the first.</summary>
    Conflict,
}
