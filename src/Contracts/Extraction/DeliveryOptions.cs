namespace Lake.Contracts.Extraction;

/// <summary>How the delivery is written: Parquet always, CSV and Arrow IPC beside it on request.</summary>
public sealed record DeliveryOptions
{
    public bool Csv { get; init; }

    /// <summary>
    /// An Arrow IPC file (Feather v2, zstd-compressed) beside each Parquet file, with the same rows
    /// and column types, for R's arrow::read_feather, pandas and polars.
    /// </summary>
    public bool Arrow { get; init; }

    /// <summary>
    /// exact, month or year (dates truncated), or shift: every date of a patient moved by the same
    /// random number of days, constant within the study, so intervals stay exact.
    /// </summary>
    public string DatePrecision { get; init; } = "exact";

    /// <summary>With shift: the largest shift in days, either way.</summary>
    public int ShiftMaxDays { get; init; } = 180;

    /// <summary>
    /// Whether free-text columns (record texts, statements) are delivered, scrubbed of direct
    /// identifiers. The permit must allow free text.
    /// </summary>
    public bool FreeText { get; init; }

    /// <summary>
    /// A flag, not a value: whether the cohort file carries the consented identity codes the request
    /// supplied. The permit must allow it (a consent-based study); see docs/free-text-and-identity-codes.md.
    /// </summary>
    public bool IdentityCodes { get; init; }

    /// <summary>
    /// The name of a configured secure environment the delivery is bound for (a transfer request),
    /// or null for Lake's own delivery area. Lake records it; the data service moves the folder.
    /// Added after the first release: optional, so older specifications and messages still read.
    /// </summary>
    public string? TransferTo { get; init; }

    /// <summary>
    /// An omop/ folder beside the register files with the OMOP CDM 5.4 tables built from them, codes
    /// mapped through the vocabulary the data service configures (see docs/omop.md).
    /// Added after the first release: optional, so older specifications and messages still read.
    /// </summary>
    public bool Omop { get; init; }
}
