namespace Lake.Contracts.Extraction;

/// <summary>
/// Count a preliminary study on a worker, for a coordinator that holds no register keys: selecting
/// the cohort turns register pseudonyms back into lake identities, which only a holder of the
/// register keys can do. The coordinator keeps who may ask, the query budget, the differencing
/// ledger and the audit log; the worker answers with <see cref="PreliminaryStudyCounted"/>.
/// </summary>
public sealed record CountPreliminaryStudy
{
    /// <summary>Identity codes listed in it are already tokens, as in <see cref="StartExtraction"/>.</summary>
    public required StudySpecification Specification { get; init; }

    /// <summary>The coordinator's disclosure rules, so every count is shown under the service's one policy.</summary>
    public required PreliminaryDisclosure Disclosure { get; init; }
}
