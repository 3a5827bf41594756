namespace Lake.Contracts.Registers;

/// <summary>
/// One difference between two versions of a register: what it does to the batches already in the
/// lake, and, when it is refused, why and what to do instead.
/// </summary>
public sealed record RegisterChange(string Column, string What, string EffectOnExistingData, string? RefusedBecause = null)
{
    public bool Allowed => RefusedBecause is null;

    public override string ToString() =>
        Allowed ? $"{What}: {EffectOnExistingData}" : $"{What}: refused. {RefusedBecause}";
}
