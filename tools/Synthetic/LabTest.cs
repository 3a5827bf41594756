namespace Lake.Synthetic;

/// <summary>A HUSLAB examination: its number, abbreviation, unit and how many decimals results carry.</summary>
internal sealed record LabTest(string Number, string Abbreviation, string Unit, int Decimals, bool IsQualitative = false);
