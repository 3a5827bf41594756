namespace Lake.Extract.Delivery;

/// <summary>One delivered file: name in the delivery folder, register, rows, size and SHA-256.</summary>
public sealed record DeliveredFile(string Name, string Register, long Rows, long Bytes, string Sha256)
{
    /// <summary>Identifiers the scrubber took out of this file's free text, by kind; null when it has none.</summary>
    public IReadOnlyDictionary<string, long>? Redactions { get; init; }

    /// <summary>For a register's file: the version of the register it was read with (see docs/registers.md); null for the cohort file.</summary>
    public int? RegisterVersion { get; init; }

    /// <summary>For the cohort file: members delivered with their consented identity code; null when none were requested.</summary>
    public int? IdentityCodesReleased { get; init; }
}
