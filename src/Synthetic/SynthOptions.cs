namespace Lake.Synthetic;

/// <summary>How large a synthetic lake to write, from which seed, and how dirty.</summary>
public sealed record SynthOptions
{
    public int Patients { get; init; } = 3000;

    /// <summary>Everything written derives from this one seed, so the same options give byte-identical files.</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>Defect rows per good data row, spread evenly over the defect kinds of each feed.</summary>
    public double DefectRate { get; init; } = 0.01;
}
