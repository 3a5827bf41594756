using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;

namespace Lake.Extract.Delivery;

/// <summary>
/// The permit check refuses these before a request is accepted; checked again before anything is
/// written and before a delivery is published, because a permit can change in between.
/// </summary>
internal static class DeliveryPermitCheck
{
    public static void ThrowIfDisallows(Permit permit, StudySpecification specification)
    {
        if ((specification.Delivery.FreeText && !permit.AllowsFreeText) || (specification.Delivery.IdentityCodes && !permit.AllowsIdentityCodes))
            throw new InvalidOperationException($"Permit '{permit.Id}' does not allow the free text or identity codes the specification asks for; nothing was delivered.");
    }
}
