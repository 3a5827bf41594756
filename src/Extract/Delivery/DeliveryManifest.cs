using Lake.Contracts.Extraction;

namespace Lake.Extract.Delivery;

/// <summary>
/// manifest.json of a delivery: what was delivered (files, rows, checksums), under which permit
/// and specification, to whom, when, and which ingest batches were read.
/// </summary>
public sealed record DeliveryManifest
{
    public required Guid RequestId { get; init; }

    public required string PermitId { get; init; }

    public required string StudyId { get; init; }

    public required string RequestedBy { get; init; }

    public required IReadOnlyList<string> AccessList { get; init; }

    public required StudySpecification Specification { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required int CohortSize { get; init; }

    public required IReadOnlyList<DeliveredFile> Files { get; init; }

    public required IReadOnlyList<string> BatchesRead { get; init; }

    /// <summary>The version each delivered register was read with, from its files; a replay reads with the same.</summary>
    public IReadOnlyDictionary<string, int> RegisterVersions() =>
        Files.Where(f => f.RegisterVersion is not null).GroupBy(f => f.Register).ToDictionary(g => g.Key, g => g.First().RegisterVersion!.Value, StringComparer.Ordinal);

    public required string LakeVersion { get; init; }

    /// <summary>Direct identifiers taken out of the delivered free text, by kind; null when no free text was delivered.</summary>
    public IReadOnlyDictionary<string, long>? Redactions { get; init; }

    /// <summary>Cohort members delivered with their consented identity code; null when none were requested.</summary>
    public int? IdentityCodesReleased { get; init; }

    /// <summary>
    /// The secure environment this delivery is bound for (the specification's <c>delivery.transfer_to</c>),
    /// or null when it stays in Lake's delivery area. The data service moves it there; Lake does not copy it.
    /// </summary>
    public string? TransferTo { get; init; }

    /// <summary>Members of the access list with no operating-system account configured, who cannot open the delivery; null when every member has one.</summary>
    public IReadOnlyList<string>? MembersWithoutAccount { get; init; }

    /// <summary>The omop/ folder's tables, rows and mapped rows (docs/omop.md); null when OMOP was not asked for.</summary>
    public Omop.OmopDelivery? Omop { get; init; }
}
