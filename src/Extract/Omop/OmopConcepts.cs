namespace Lake.Extract.Omop;

/// <summary>
/// The OMOP standard concepts Lake's rules name (docs/omop.md). Each is written only when the
/// hospital's CONCEPT.csv holds it, else 0 (see <see cref="OmopVocabulary.IfPresent"/>): a partial
/// vocabulary must not make Lake claim concepts it cannot show.
/// </summary>
internal static class OmopConcepts
{
    /// <summary>Type Concept "EHR": every row comes from the hospital's patient information systems.</summary>
    public const int Ehr = 32817;

    public const int Male = 8507;

    public const int Female = 8532;

    public const int InpatientVisit = 9201;

    public const int OutpatientVisit = 9202;

    public const int EmergencyRoomVisit = 9203;

    /// <summary>"OMOP CDM Version 5.4.0", for cdm_source.cdm_version_concept_id.</summary>
    public const int CdmVersion54 = 756265;
}
