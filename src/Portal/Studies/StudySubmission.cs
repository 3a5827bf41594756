using Lake.Contracts.Extraction;

namespace Lake.Portal.Studies;

/// <summary>
/// A specification the study form built or a person uploaded, read as the command line reads a
/// file, and what to do with it. <see cref="Yaml"/> is what can be kept or attached to a permit
/// application; null when the specification lists identity codes, which cannot be written back.
/// </summary>
public sealed record StudySubmission(StudySpecification Specification, string? Yaml, string Action, bool InternalProject)
{
    public const string Preview = "preview";
    public const string Run = "run";
    public const string Estimate = "estimate";
}
