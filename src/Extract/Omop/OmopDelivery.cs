using Lake.Extract.Delivery;

namespace Lake.Extract.Omop;

/// <summary>
/// The manifest's account of a delivery's omop/ folder: each table's rows and mapped rows, the
/// vocabulary release the codes were mapped with, the files with their checksums, and the
/// members left out of person for want of a birth date.
/// </summary>
public sealed record OmopDelivery
{
    public const string Folder = "omop";

    public required IReadOnlyDictionary<string, OmopTableCount> Tables { get; init; }

    public required string VocabularyVersion { get; init; }

    /// <summary>Files under omop/, named relative to the delivery folder.</summary>
    public required IReadOnlyList<DeliveredFile> Files { get; init; }

    public long MembersWithoutBirthDate { get; init; }
}
