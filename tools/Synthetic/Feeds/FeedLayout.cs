using System.Text;

namespace Lake.Synthetic.Feeds;

/// <summary>
/// Where a feed comes from and how its bytes are laid out; the defect kinds a feed carries follow
/// from its fields: no impossible dates without a date, no malformed codes without a validated code.
/// </summary>
internal sealed record FeedLayout(string SourceSystem, string Register, string FileName, FeedShape Shape, Encoding Encoding, IReadOnlyList<FeedField> Fields)
{
    public char Delimiter { get; init; } = ',';

    public string NewLine { get; init; } = "\n";

    /// <summary>A header row (always for delimited feeds; never for JSON Lines).</summary>
    public bool Header { get; init; } = true;

    public bool Gzip { get; init; }

    /// <summary>
    /// For a single-byte feed: the field and a non-ASCII value the descriptor maps, written into a
    /// wrong_encoding row before the row is encoded as UTF-8, so the garbling lands where it shows.
    /// </summary>
    public (string Field, string Value)? WrongEncoding { get; init; }

    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == name)
                return i;
        }

        throw new ArgumentException($"Feed {FileName} has no field '{name}'.", nameof(name));
    }

    public int FirstWith(FieldRole role)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Role.HasFlag(role))
                return i;
        }

        return -1;
    }

    /// <summary>The defect kinds this feed carries, in a fixed order.</summary>
    public IReadOnlyList<string> Defects()
    {
        var fields = Fields;
        var kinds = new List<string> { DefectKinds.InvalidHetu };
        if (fields.Any(f => f.Role.HasFlag(FieldRole.EventTime) && f.DateFormat is not null))
            kinds.Add(DefectKinds.ImpossibleDate);
        if (fields.Any(f => f.Role.HasFlag(FieldRole.IcdCode)))
            kinds.Add(DefectKinds.MalformedCode);
        if (fields.Any(f => f.Role.HasFlag(FieldRole.Required)))
            kinds.Add(DefectKinds.MissingRequired);
        kinds.Add(DefectKinds.TruncatedLine);
        if (WrongEncoding is not null)
            kinds.Add(DefectKinds.WrongEncoding);
        return [.. kinds];
    }
}
