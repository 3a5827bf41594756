namespace Lake.Bench.Feeds;

/// <summary>
/// One examination of the benchmark's catalog: Multilab number, abbreviation and unit, how results
/// are distributed, and how often it is ordered relative to the others.
/// </summary>
/// <param name="CensoredText">A below-detection-limit text such as "&lt;3", written for <paramref name="CensoredShare"/> of results.</param>
/// <param name="PositiveShare">For qualitative tests (no unit): share of "pos" among "neg"/"pos".</param>
internal sealed record LabTestSpec(
    string Code,
    string Abbreviation,
    string Unit,
    double Mean,
    double Sd,
    int Decimals,
    int Weight,
    string? CensoredText = null,
    double CensoredShare = 0,
    double PositiveShare = -1)
{
    public bool IsQualitative => PositiveShare >= 0;
}
