namespace Lake.Extract.Delivery;

/// <summary>What the columns Lake adds to delivered files mean: one wording for the README and the codebook.</summary>
internal static class LakeColumnMeanings
{
    public const string StudyId = "The patient's pseudonym in this study.";

    public const string IndexTime = "Time of the first diagnosis that put the patient in the cohort.";

    public const string SourceSystem = "The source system whose copy of the event this is.";

    public const string IdentityCode = "The patient's identity code, released under the permit for the consented patients the request listed; empty for the others.";
}
