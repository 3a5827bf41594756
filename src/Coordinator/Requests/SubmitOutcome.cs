namespace Lake.Coordinator.Requests;

/// <summary>A submitted request's id and, when it was refused, why.</summary>
public sealed record SubmitOutcome(Guid RequestId, string? RefusalReason)
{
    public bool Accepted => RefusalReason is null;
}
