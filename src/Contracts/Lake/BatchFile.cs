namespace Lake.Contracts.Lake;

/// <summary>One Parquet file of a batch, relative to the lake root, with its row count and year.</summary>
public sealed record BatchFile(string Path, long Rows, int? Year);
