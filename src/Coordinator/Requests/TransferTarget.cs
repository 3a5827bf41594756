namespace Lake.Coordinator.Requests;

/// <summary>
/// An audited secure environment outside Lake that a delivery may be bound for (a data transfer
/// request): its name as specifications write it (<c>delivery.transfer_to</c>) and what it is.
/// </summary>
public sealed class TransferTarget
{
    public string Name { get; set; } = "";

    /// <summary>What a researcher choosing it needs to know: whose environment it is and what it is for.</summary>
    public string Description { get; set; } = "";
}
