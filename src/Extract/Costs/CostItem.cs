namespace Lake.Extract.Costs;

/// <summary>One line of an estimate: what, how many, at what price.</summary>
public sealed record CostItem(string Description, decimal Quantity, decimal UnitPrice)
{
    public decimal Amount => Math.Round(Quantity * UnitPrice, 2);
}
