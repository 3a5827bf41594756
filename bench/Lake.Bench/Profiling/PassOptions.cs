namespace Lake.Bench.Profiling;

/// <summary>A full pass changed in one way Lake's code could be changed, to measure a suggestion before anyone makes it.</summary>
internal sealed record PassOptions(string Name, int? RowGroupSize = null)
{
    public static PassOptions AsShipped { get; } = new("as shipped");
}
