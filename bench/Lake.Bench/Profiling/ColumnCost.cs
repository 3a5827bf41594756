namespace Lake.Bench.Profiling;

/// <summary>What converting one column (or one alternative way of converting it) costs per row.</summary>
internal sealed record ColumnCost(string Column, string How, double NanosecondsPerRow, double AllocatedBytesPerRow);
