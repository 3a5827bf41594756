using Lake.Contracts.Extraction;
using Lake.Coordinator.Requests;

namespace Lake.Coordinator.Tests.Requests;

/// <summary>The permit check's refusal of a transfer to a secure environment the data service has not configured.</summary>
public sealed partial class PermitCheckTests
{
    private static readonly TransferOptions Kapseli = new() { TransferTargets = [new TransferTarget { Name = "kapseli", Description = "Findata's remote access environment" }] };

    [Test]
    public void RefusalReason_UnknownTransferTarget_IsRefusedNamingTheConfiguredOnes()
    {
        var reason = PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", TransferringTo("elsewhere"), Today, transfers: Kapseli);

        Assert.That(reason, Does.StartWith("delivery.transfer_to: 'elsewhere' is not a secure environment deliveries are transferred to (the environments are: kapseli)."));
    }

    [Test]
    public void RefusalReason_TransferWithNoTargetConfigured_IsRefusedSayingSo()
    {
        var reason = PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", TransferringTo("kapseli"), Today, transfers: new TransferOptions());

        Assert.That(reason, Does.Contain("this data service has no secure environment configured for transfers"));
    }

    [Test]
    public void RefusalReason_ConfiguredTransferTarget_IsAllowed()
    {
        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", TransferringTo("kapseli"), Today, transfers: Kapseli), Is.Null);
    }

    [Test]
    public void RefusalReason_TransferCheckedWithoutTheConfiguration_LeavesTheTargetToTheSubmission()
    {
        // A worker re-checks the permit without the coordinator's transfer settings; the target was checked at submission.
        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", TransferringTo("elsewhere"), Today), Is.Null);
    }

    private static StudySpecification TransferringTo(string target) =>
        Specification() with { Delivery = new DeliveryOptions { TransferTo = target } };
}
