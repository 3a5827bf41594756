using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;

namespace Lake.Extract.Omop;

/// <summary>
/// What an OMOP request needs, checked when the specification is read and when the request is
/// accepted, so a request that cannot be mapped is refused before a long extraction rather than after.
/// </summary>
public static class OmopRequestCheck
{
    public const string NoVocabulary =
        "delivery.omop: this data service has no OMOP vocabulary configured (setting Omop:Vocabulary, a folder with Athena's CONCEPT.csv or a SOURCE_TO_CONCEPT_MAP.csv), so codes cannot be mapped to OMOP concepts. Leave omop out, or ask the data service to configure the vocabulary.";

    /// <summary>The columns each OMOP source register must deliver: the CDM's NOT NULL dates, and the codes mapped.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Needed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [RegisterNames.PatientBackground] = ["birth_date", "sex"],
        [RegisterNames.Diagnosis] = ["code", "recorded_at"],
        [RegisterNames.Procedure] = ["procedure_code", "procedure_time"],
        [RegisterNames.Medication] = ["event_time"],
        [RegisterNames.Laboratory] = ["test_code", "sample_time"],
        [RegisterNames.BasicMeasurement] = ["measurement", "measured_at"],
        [RegisterNames.Visit] = ["visit_time"],
        [RegisterNames.InpatientPeriod] = ["start_time"],
        [RegisterNames.Referral] = ["referral_date"],
        [RegisterNames.PatientRecordText] = ["recorded_at", "text"],
    };

    /// <summary>Problems of an OMOP specification in itself, for <c>SpecificationValidator</c>; none when omop is not asked for.</summary>
    public static IEnumerable<string> Validate(StudySpecification specification, RegisterCatalog registers)
    {
        if (!specification.Delivery.Omop)
            yield break;
        if (specification.Datasets.All(d => d.Register != RegisterNames.PatientBackground))
            yield return $"delivery.omop: OMOP's person table needs each member's year of birth and sex; add a dataset for {RegisterNames.PatientBackground}.";
        for (var i = 0; i < specification.Datasets.Count; i++)
        {
            var dataset = specification.Datasets[i];
            if (dataset.Columns.Count == 0 || !Needed.TryGetValue(dataset.Register, out var needed) || !registers.TryGet(dataset.Register, out var register))
                continue;
            var delivered = dataset.Columns.Select(c => register.FindColumnOrAlias(c)?.Name).ToHashSet(StringComparer.Ordinal);
            if (needed.Where(c => !delivered.Contains(c)).ToList() is { Count: > 0 } missing)
                yield return $"datasets[{i}].columns: delivery.omop needs {string.Join(" and ", missing)} of {dataset.Register}; add them, or list no columns to deliver all.";
        }
    }

    /// <summary>Why this data service cannot deliver the specification's OMOP tables, or null when it can (or none are asked for).</summary>
    public static string? RefusalReason(StudySpecification specification, OmopOptions? options) =>
        specification.Delivery.Omop && options?.HasVocabulary != true ? NoVocabulary : null;
}
