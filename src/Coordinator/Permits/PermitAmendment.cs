namespace Lake.Coordinator.Permits;

/// <summary>What an amendment changes in a permit; a setting left null keeps the permit's own.</summary>
public sealed record PermitAmendment
{
    public IReadOnlyCollection<string> AddMembers { get; init; } = [];

    public IReadOnlyCollection<string> RemoveMembers { get; init; } = [];

    public IReadOnlyList<string>? Registers { get; init; }

    /// <summary>First day of the data period the permit covers.</summary>
    public DateOnly? PeriodFrom { get; init; }

    /// <summary>Last day of the data period the permit covers.</summary>
    public DateOnly? PeriodTo { get; init; }

    public DateOnly? Expires { get; init; }

    public bool? AllowsFreeText { get; init; }

    public bool? AllowsIdentityCodes { get; init; }
}
