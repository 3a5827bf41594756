namespace Lake.Contracts.Registers;

/// <summary>
/// A period in which a source system feeds a register, as the dataset catalog states it.
/// <see cref="ToYear"/> is null while the system still delivers.
/// </summary>
public sealed record SourceCoverage(string System, int FromYear, int? ToYear, bool Partial, string Volume = "")
{
    public bool Covers(int year) => year >= FromYear && (ToYear is null || year <= ToYear);
}
