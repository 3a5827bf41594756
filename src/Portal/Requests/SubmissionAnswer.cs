namespace Lake.Portal.Requests;

/// <summary>
/// What the data request form says back: the request submitted (its id), a refusal by the permit
/// or the policy with its reason, or a specification that cannot be used, with what is wrong.
/// The reasons are the coordinator's own words (English), shown as they are.
/// </summary>
public sealed record SubmissionAnswer(Guid? RequestId, string? Refusal, string? Problem)
{
    public static SubmissionAnswer Submitted(Guid id) => new(id, null, null);

    public static SubmissionAnswer Refused(string reason) => new(null, reason, null);

    public static SubmissionAnswer Unusable(string problem) => new(null, null, problem);

    /// <summary>The check found nothing against the specification; nothing was submitted.</summary>
    public static SubmissionAnswer Allowed { get; } = new(null, null, null);
}
