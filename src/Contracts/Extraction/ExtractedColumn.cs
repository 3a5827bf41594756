namespace Lake.Contracts.Extraction;

/// <summary>One column of a file a task wrote: its name and DuckDB type (VARCHAR, TIMESTAMP WITH TIME ZONE, DECIMAL(4,1), ...).</summary>
public sealed record ExtractedColumn(string Name, string Type);
