using Lake.Contracts.Registers;
using Lake.Extract.Disclosure;

namespace Lake.Extract.Catalog;

/// <summary>A register as the lake catalog shows it: what the dataset catalog expects, and what the lake holds.</summary>
public sealed record CatalogRegister
{
    public required RegisterDefinition Register { get; init; }

    /// <summary>Sources with committed batches, in the order they first arrived; empty for a register with no data yet.</summary>
    public required IReadOnlyList<CatalogSource> Sources { get; init; }

    public bool InLake => Sources.Count > 0;

    public ShownCount Rows { get; init; }

    /// <summary>Distinct patients over every source of the register.</summary>
    public ShownCount Patients { get; init; }

    /// <summary>False when rows were pseudonymized under more than one key generation: then a patient may count once per generation.</summary>
    public bool PatientsExact { get; init; } = true;

    public ShownCount Quarantined { get; init; }

    public double? QuarantineRate { get; init; }

    public ShownCount Excluded { get; init; }

    public ShownCount Warnings { get; init; }
}
