namespace Lake.Contracts.Permits;

/// <summary>
/// An approved research or data access permit: which study, which registers and period it covers,
/// until when, and the research group members who may request and receive its data.
/// </summary>
// Plain data shared by the coordinator, which keeps every version of it, and the extraction engine,
// which writes a delivery's access list and manifest from it; in Contracts, so that the engine
// reads it without depending on the control plane. Not a message: no consumer receives one.
public sealed record Permit
{
    public required string Id { get; init; }

    /// <summary>Study pseudonyms are keyed by study: every request under this study gets the same ones.</summary>
    public required string StudyId { get; init; }

    public string Title { get; init; } = "";

    public required IReadOnlyList<string> Registers { get; init; }

    public DateOnly? PeriodFrom { get; init; }

    public DateOnly? PeriodTo { get; init; }

    /// <summary>Last day the permit is valid.</summary>
    public required DateOnly Expires { get; init; }

    public required IReadOnlyList<string> Members { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Who granted it: the hospital, or the national permit authority (Findata) for data of several controllers.</summary>
    public string Issuer { get; init; } = "hospital";

    public string Purpose { get; init; } = "";

    /// <summary>Increases with every amendment; requests and audit entries name the version they ran under.</summary>
    public int Version { get; init; } = 1;

    public PermitStatus Status { get; init; } = PermitStatus.Approved;

    public string? RevocationReason { get; init; }

    /// <summary>When the study's deliveries and study key were removed after expiry or revocation.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Whether patient record texts may be delivered (scrubbed of direct identifiers).</summary>
    public bool AllowsFreeText { get; init; }

    /// <summary>Whether real identity codes may be delivered, e.g. for a consent-based study.</summary>
    public bool AllowsIdentityCodes { get; init; }
}
