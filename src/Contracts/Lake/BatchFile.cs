namespace Lake.Contracts.Lake;

/// <summary>
/// One Parquet file of a batch, relative to the lake root, with its row count and year, and its size
/// and SHA-256 as written, which every read checks before using the file (see docs/integrity.md).
/// Batches committed before files had checksums carry neither and are read unchecked.
/// </summary>
public sealed record BatchFile(string Path, long Rows, int? Year, long? Bytes = null, string? Sha256 = null);
