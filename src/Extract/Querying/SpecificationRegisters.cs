using Lake.Contracts.Extraction;

namespace Lake.Extract.Querying;

/// <summary>
/// The registers a specification reads: the engine's to know which batches an extraction reads,
/// the coordinator's permit check's to know whether the permit covers them.
/// </summary>
public static class SpecificationRegisters
{
    /// <summary>The registers read to select the cohort (every criterion's, and the background for sex and age), and those delivered.</summary>
    public static IEnumerable<string> Used(StudySpecification specification) =>
        CohortTree.RegistersRead(specification.Cohort).Concat(specification.Datasets.Select(d => d.Register)).Distinct(StringComparer.Ordinal);
}
