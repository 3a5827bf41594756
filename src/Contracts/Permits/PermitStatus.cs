namespace Lake.Contracts.Permits;

/// <summary>Where a permit stands; expiry is not a status but a date, checked whenever the permit is used.</summary>
public enum PermitStatus
{
    Approved,
    Revoked,
}
