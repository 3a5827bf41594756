namespace Lake.Coordinator.Audit;

/// <summary>
/// One decision or event in the audit log: who, what, about which permit or request, the outcome
/// and why. Detail may hold what nobody else may see, such as the true counts behind a suppressed
/// preliminary study; it never holds an identity code.
/// </summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string Outcome, string Detail, string PreviousHash, string Hash);
