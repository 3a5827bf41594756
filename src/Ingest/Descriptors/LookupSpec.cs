namespace Lake.Ingest.Descriptors;

/// <summary>
/// A small table supplied beside the feed whose columns a row may borrow by key, e.g. the
/// admission time of a diagnosis row that carries only the admission number. Its columns are
/// named <c>NAME.COLUMN</c> in the descriptor's column mappings.
/// </summary>
public sealed class LookupSpec
{
    public string Name { get; set; } = "";

    /// <summary>File name, relative to the feed's folder unless absolute; .gz is decompressed.</summary>
    public string File { get; set; } = "";

    /// <summary>Key column in the lookup file.</summary>
    public string Key { get; set; } = "";

    /// <summary>Feed column whose value is looked up.</summary>
    public string Match { get; set; } = "";

    /// <summary>Lookup columns made available to the mappings.</summary>
    public List<string> Columns { get; set; } = [];

    public string Delimiter { get; set; } = ",";
}
