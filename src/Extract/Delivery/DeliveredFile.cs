namespace Lake.Extract.Delivery;

/// <summary>One delivered file: name in the delivery folder, register, rows, size and SHA-256.</summary>
public sealed record DeliveredFile(string Name, string Register, long Rows, long Bytes, string Sha256)
{
    /// <summary>Identifiers the scrubber took out of this file's free text, by kind; null when it has none.</summary>
    public IReadOnlyDictionary<string, long>? Redactions { get; init; }

    /// <summary>For a register's file: the version of the register it was read with (see docs/registers.md); null for the cohort file.</summary>
    public int? RegisterVersion { get; init; }

    /// <summary>The file's columns with their types, in order; the same for every file of a dataset. Empty in manifests written before columns were listed.</summary>
    public IReadOnlyList<DeliveredColumn> Columns { get; init; } = [];

    /// <summary>For the cohort file: members delivered with their consented identity code; null when none were requested.</summary>
    public int? IdentityCodesReleased { get; init; }

    /// <summary>Equal when every field is, lists and counts by their contents: two workers' descriptions of the same file compare equal.</summary>
    public bool Equals(DeliveredFile? other) =>
        other is not null && Name == other.Name && Register == other.Register && Rows == other.Rows && Bytes == other.Bytes && Sha256 == other.Sha256
        && RegisterVersion == other.RegisterVersion && IdentityCodesReleased == other.IdentityCodesReleased
        && Columns.SequenceEqual(other.Columns)
        && (Redactions is null ? other.Redactions is null : other.Redactions is not null && Redactions.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(other.Redactions.OrderBy(p => p.Key, StringComparer.Ordinal)));

    public override int GetHashCode() => HashCode.Combine(Name, Sha256);
}
