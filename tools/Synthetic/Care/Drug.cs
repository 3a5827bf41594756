namespace Lake.Synthetic.Care;

/// <summary>A medicine as a prescription or order names it: ATC code, name, dose text and route.</summary>
internal sealed record Drug(string Atc, string Name, string Dose, string Route);
