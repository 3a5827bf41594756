using Lake.Extract.Disclosure;

namespace Lake.Extract.Catalog;

/// <summary>One source system's data in one register of the lake, every count as it may be shown without a permit.</summary>
public sealed record CatalogSource
{
    public required string System { get; init; }

    /// <summary>Whether the dataset catalog names this system for the register; a newly onboarded one may not be there yet.</summary>
    public required bool InDatasetCatalog { get; init; }

    /// <summary>Event years with rows in the lake, from the committed batches.</summary>
    public required IReadOnlyList<int> Years { get; init; }

    public required int Batches { get; init; }

    public required ShownCount Rows { get; init; }

    public required ShownCount Patients { get; init; }

    public required ShownCount Quarantined { get; init; }

    /// <summary>Quarantined rows over rows read; null when the quarantined count itself is suppressed.</summary>
    public required double? QuarantineRate { get; init; }
}
