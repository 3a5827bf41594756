using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Coordinator.Requests;

namespace Lake.Coordinator.Tests.Requests;

/// <summary>The permit check's refusals of free text and identity codes.</summary>
public sealed partial class PermitCheckTests
{
    private static readonly DatasetRequest Texts = new() { Register = "patient_record_text", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31), Terms = ["diabet"] };

    private static readonly DatasetRequest Diagnoses = new() { Register = "diagnosis", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) };

    [Test]
    public void RefusalReason_FreeTextUnderAPermitWithoutIt_IsRefusedNamingTheSetting()
    {
        var reason = PermitCheck.RefusalReason(TextPermit(), "THL/123/2025", "anna", Delivering(new DeliveryOptions { FreeText = true }, Texts), Today);

        Assert.That(reason, Does.StartWith("delivery.free_text: permit 'THL/123/2025' does not allow free text.").And.Contain("Set free_text to false"));
    }

    [Test]
    public void RefusalReason_IdentityCodesUnderAPermitWithoutThem_IsRefused()
    {
        var reason = PermitCheck.RefusalReason(TextPermit(freeText: true), "THL/123/2025", "anna", Delivering(new DeliveryOptions { IdentityCodes = true }, Diagnoses), Today);

        Assert.That(reason, Does.StartWith("delivery.identity_codes: permit 'THL/123/2025' does not allow releasing identity codes").And.Contain("consent-based"));
    }

    [Test]
    public void RefusalReason_TextRegisterWithoutFreeText_IsRefusedEvenUnderAPermitThatAllowsIt()
    {
        var reason = PermitCheck.RefusalReason(TextPermit(freeText: true), "THL/123/2025", "anna", Delivering(new DeliveryOptions(), Diagnoses, Texts), Today);

        Assert.That(reason, Does.StartWith("datasets[1] (patient_record_text) is free text, but delivery.free_text is not set."));
    }

    [Test]
    public void RefusalReason_StatementColumnNamedWithoutFreeText_IsRefused()
    {
        var pathology = Diagnoses with { Register = "pathology", Columns = ["sample_time", "statement"] };

        var reason = PermitCheck.RefusalReason(TextPermit(), "THL/123/2025", "anna", Delivering(new DeliveryOptions(), pathology), Today);

        Assert.That(reason, Does.StartWith("datasets[0].columns: statement of pathology is free text"));
    }

    [Test]
    public void RefusalReason_FreeTextAndIdentityCodesUnderAPermitAllowingBoth_GoesAhead()
    {
        var specification = Delivering(new DeliveryOptions { FreeText = true, IdentityCodes = true }, Diagnoses, Texts);

        Assert.That(PermitCheck.RefusalReason(TextPermit(freeText: true, identityCodes: true), "THL/123/2025", "anna", specification, Today), Is.Null);
    }

    [Test]
    public void RefusalReason_PermitAllowingFreeTextButNotRequested_GoesAheadWithoutTexts()
    {
        Assert.That(PermitCheck.RefusalReason(TextPermit(freeText: true), "THL/123/2025", "anna", Delivering(new DeliveryOptions(), Diagnoses), Today), Is.Null);
    }

    private static Permit TextPermit(bool freeText = false, bool identityCodes = false) =>
        Permit() with { Registers = ["diagnosis", "patient_record_text", "pathology"], AllowsFreeText = freeText, AllowsIdentityCodes = identityCodes };

    private static StudySpecification Delivering(DeliveryOptions delivery, params DatasetRequest[] datasets) =>
        Specification(datasets) with { Delivery = delivery };
}
