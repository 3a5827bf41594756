namespace Lake.Ingest.Descriptors;

/// <summary>A field of a fixed-width feed: its name and 1-based start and length; for JSON Lines only the name counts.</summary>
public sealed class FixedWidthField
{
    public string Name { get; set; } = "";

    public int Start { get; set; }

    public int Length { get; set; }
}
