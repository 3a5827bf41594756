namespace Lake.Extract.Costs;

/// <summary>An itemised estimate; <see cref="Total"/> is zero for a hospital-internal project when the price list says so.</summary>
public sealed record CostEstimate(string Currency, IReadOnlyList<CostItem> Items, bool InternalFree)
{
    public decimal Subtotal => Items.Sum(i => i.Amount);

    public decimal Total => InternalFree ? 0 : Subtotal;
}
