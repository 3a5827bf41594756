namespace Lake.Contracts.Lake;

/// <summary>
/// Where things live under a lake folder. Register data sits in one folder per register with Hive-style
/// partitions (<c>source=apotti/year=2022</c>); a batch becomes visible only when its commit record
/// appears in <c>_batches</c>, so readers list files from commit records, never by globbing folders.
/// </summary>
public sealed class LakeLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string BatchesFolder => Path.Combine(Root, "_batches");

    public string QuarantineFolder => Path.Combine(Root, "_quarantine");

    /// <summary>Lock files of batches being ingested right now.</summary>
    /// <summary>A copy of every register version the lake has written or read with (see <see cref="RegisterVersions"/>).</summary>
    public string RegisterVersionsFolder => Path.Combine(Root, "_registers");

    /// <summary>Markers of batches found with a damaged file (<see cref="SuspectBatches"/>).</summary>
    public string SuspectFolder => Path.Combine(Root, "_suspect");

    public string SuspectPath(string batchId) => Path.Combine(SuspectFolder, batchId + ".json");

    public string LocksFolder => Path.Combine(Root, "_locks");

    /// <summary>
    /// State ingest keeps from one feed to the next, such as the identity codes of a FHIR system's
    /// Patient resources (sealed under the key ring, never in Parquet): beside the batches, not in a register.
    /// </summary>
    public string StateFolder => Path.Combine(Root, "_state");

    /// <summary>The sealed map from a FHIR system's Patient resource ids to identity codes.</summary>
    public string FhirPatientIndexPath(string sourceSlug) => Path.Combine(StateFolder, "fhir-patients", sourceSlug + ".sealed");

    public string RegisterFolder(string register) => Path.Combine(Root, register);

    public string CommitRecordPath(string batchId) => Path.Combine(BatchesFolder, batchId + ".json");

    public string QuarantinePath(string batchId) => Path.Combine(QuarantineFolder, batchId + ".csv");

    /// <summary>Partition folder relative to the lake root; a register without an event column has no year level.</summary>
    public static string PartitionPath(string register, string sourceSlug, int? year) =>
        year is null
            ? Path.Combine(register, $"source={sourceSlug}")
            : Path.Combine(register, $"source={sourceSlug}", $"year={year}");

    /// <summary>Folder-safe lower-case name of a source system: "Caresuite Picis82" becomes "caresuite_picis82".</summary>
    public static string SourceSlug(string system)
    {
        var chars = system.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars).Trim('_');
    }
}
