using Lake.Contracts.Extraction;
using Lake.Extract.ControlPlane;
using Lake.Extract.Requests;

namespace Lake.Extract.Tests.Requests;

/// <summary>The permit check's refusals of free text and identity codes.</summary>
public sealed class PermitCheckDeliveryTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Test]
    public void RefusalReason_FreeTextUnderAPermitWithoutIt_IsRefusedNamingTheSetting()
    {
        var reason = PermitCheck.RefusalReason(Permit(), "P1", "anna", Specification(new DeliveryOptions { FreeText = true }, Texts()), Today);

        Assert.That(reason, Does.StartWith("delivery.free_text: permit 'P1' does not allow free text.").And.Contain("Set free_text to false"));
    }

    [Test]
    public void RefusalReason_IdentityCodesUnderAPermitWithoutThem_IsRefused()
    {
        var reason = PermitCheck.RefusalReason(Permit(freeText: true), "P1", "anna", Specification(new DeliveryOptions { IdentityCodes = true }, Diagnoses()), Today);

        Assert.That(reason, Does.StartWith("delivery.identity_codes: permit 'P1' does not allow releasing identity codes").And.Contain("consent-based"));
    }

    [Test]
    public void RefusalReason_TextRegisterWithoutFreeText_IsRefusedEvenUnderAPermitThatAllowsIt()
    {
        var reason = PermitCheck.RefusalReason(Permit(freeText: true), "P1", "anna", Specification(new DeliveryOptions(), Diagnoses(), Texts()), Today);

        Assert.That(reason, Does.StartWith("datasets[1] (patient_record_text) is free text, but delivery.free_text is not set."));
    }

    [Test]
    public void RefusalReason_StatementColumnNamedWithoutFreeText_IsRefused()
    {
        var pathology = new DatasetRequest { Register = "pathology", Columns = ["sample_time", "statement"], From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) };

        var reason = PermitCheck.RefusalReason(Permit(), "P1", "anna", Specification(new DeliveryOptions(), pathology), Today);

        Assert.That(reason, Does.StartWith("datasets[0].columns: statement of pathology is free text"));
    }

    [Test]
    public void RefusalReason_FreeTextAndIdentityCodesUnderAPermitAllowingBoth_GoesAhead()
    {
        var specification = Specification(new DeliveryOptions { FreeText = true, IdentityCodes = true }, Diagnoses(), Texts());

        Assert.That(PermitCheck.RefusalReason(Permit(freeText: true, identityCodes: true), "P1", "anna", specification, Today), Is.Null);
    }

    [Test]
    public void RefusalReason_PermitAllowingFreeTextButNotRequested_GoesAheadWithoutTexts()
    {
        Assert.That(PermitCheck.RefusalReason(Permit(freeText: true), "P1", "anna", Specification(new DeliveryOptions(), Diagnoses()), Today), Is.Null);
    }

    private static DatasetRequest Diagnoses() => new() { Register = "diagnosis", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) };

    private static DatasetRequest Texts() => new() { Register = "patient_record_text", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31), Terms = ["diabet"] };

    private static Permit Permit(bool freeText = false, bool identityCodes = false) => new()
    {
        Id = "P1",
        StudyId = "S1",
        Registers = ["diagnosis", "patient_record_text", "pathology"],
        PeriodFrom = new DateOnly(2020, 1, 1),
        PeriodTo = new DateOnly(2024, 12, 31),
        Expires = new DateOnly(2026, 12, 31),
        Members = ["anna"],
        RecordedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        AllowsFreeText = freeText,
        AllowsIdentityCodes = identityCodes,
    };

    private static StudySpecification Specification(DeliveryOptions delivery, params DatasetRequest[] datasets) => new()
    {
        Cohort = new CohortCriteria { Icd10 = ["E11"], From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) },
        Datasets = datasets,
        Delivery = delivery,
    };
}
