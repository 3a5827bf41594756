using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Coordinator.Requests;

namespace Lake.Coordinator.Tests.Requests;

public sealed partial class PermitCheckTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static readonly CohortCriteria InsidePermit = new() { Icd10 = ["E11"], From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) };

    private static Permit Permit() => new()
    {
        Id = "THL/123/2025",
        StudyId = "diabetes-1",
        Registers = ["diagnosis", "laboratory", "patient_background"],
        PeriodFrom = new DateOnly(2020, 1, 1),
        PeriodTo = new DateOnly(2024, 12, 31),
        Expires = new DateOnly(2026, 12, 31),
        Members = ["anna", "ben"],
        RecordedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static StudySpecification Specification(params DatasetRequest[] datasets) => new()
    {
        Cohort = InsidePermit,
        Datasets = datasets.Length > 0
            ? datasets
            : [new DatasetRequest { Register = "diagnosis", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) }],
    };

    [Test]
    public void RefusalReason_AcceptableRequest_ReturnsNull()
    {
        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", Specification(), Today), Is.Null);
    }

    [Test]
    public void RefusalReason_MissingPermit_NamesPermitId()
    {
        Assert.That(PermitCheck.RefusalReason(null, "THL/999/2025", "anna", Specification(), Today),
            Does.StartWith("Permit 'THL/999/2025' is not recorded."));
    }

    [Test]
    public void RefusalReason_ExpiredPermit_SaysWhen()
    {
        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", Specification(), new DateOnly(2027, 1, 1)),
            Does.StartWith("Permit 'THL/123/2025' expired on 2026-12-31."));
    }

    [Test]
    public void RefusalReason_LastDayOfPermit_StillValid()
    {
        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", Specification(), new DateOnly(2026, 12, 31)), Is.Null);
    }

    [TestCase("carl")]
    [TestCase("Anna")] // User names are compared exactly.
    public void RefusalReason_NonMember_NamesUser(string user)
    {
        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", user, Specification(), Today),
            Does.StartWith($"User '{user}' is not a member of the research group named on permit 'THL/123/2025'."));
    }

    [Test]
    public void RefusalReason_RegisterOutsidePermit_NamesRegister()
    {
        var specification = Specification(
            new DatasetRequest { Register = "diagnosis", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) },
            new DatasetRequest { Register = "medication", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) });

        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today),
            Does.StartWith("The specification uses register 'medication', which permit 'THL/123/2025' does not cover"));
    }

    [Test]
    public void RefusalReason_CohortNeedsDiagnosisButPermitLacksIt_Refused()
    {
        // Cohorts are selected from diagnoses even when no diagnoses are delivered.
        var permit = Permit() with { Registers = ["laboratory"] };
        var specification = Specification(new DatasetRequest { Register = "laboratory", From = new DateOnly(2020, 1, 1), To = new DateOnly(2024, 12, 31) });

        Assert.That(PermitCheck.RefusalReason(permit, "THL/123/2025", "anna", specification, Today),
            Does.Contain("register 'diagnosis'"));
    }

    [Test]
    public void RefusalReason_CohortFiltersBySexWithoutBackgroundPermit_Refused()
    {
        var permit = Permit() with { Registers = ["diagnosis"] };
        var specification = Specification() with { Cohort = InsidePermit with { Sex = "female" } };

        Assert.That(PermitCheck.RefusalReason(permit, "THL/123/2025", "anna", specification, Today),
            Does.Contain("register 'patient_background'"));
    }

    [Test]
    public void RefusalReason_DatasetStartsBeforePermitPeriod_NamesDatasetAndDates()
    {
        var specification = Specification(new DatasetRequest { Register = "diagnosis", From = new DateOnly(2019, 12, 31), To = new DateOnly(2024, 12, 31) });

        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today),
            Does.StartWith("datasets[0] (diagnosis) starts on 2019-12-31, before permit 'THL/123/2025' begins (2020-01-01)"));
    }

    [Test]
    public void RefusalReason_DatasetEndsAfterPermitPeriod_NamesDatasetAndDates()
    {
        var specification = Specification(new DatasetRequest { Register = "diagnosis", From = new DateOnly(2020, 1, 1), To = new DateOnly(2025, 1, 1) });

        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today),
            Does.StartWith("datasets[0] (diagnosis) ends on 2025-01-01, after permit 'THL/123/2025' ends (2024-12-31)"));
    }

    [Test]
    public void RefusalReason_DatasetWithoutPeriodUnderPeriodPermit_Refused()
    {
        var specification = Specification(new DatasetRequest { Register = "diagnosis" });

        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today),
            Does.Contain("starts without a 'from' date"));
    }

    [Test]
    public void RefusalReason_RegisterWithoutEvents_NeedsNoPeriod()
    {
        var specification = Specification(new DatasetRequest { Register = "patient_background" });

        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today), Is.Null);
    }

    [Test]
    public void RefusalReason_NoDatasets_Refused()
    {
        var specification = Specification() with { Datasets = [] };

        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today),
            Does.StartWith("The specification lists no datasets"));
    }

    [Test]
    public void RegistersUsed_AgeFilter_AddsPatientBackgroundOnce()
    {
        var specification = Specification(new DatasetRequest { Register = "patient_background" }) with
        {
            Cohort = InsidePermit with { MinAge = 18 },
        };

        Assert.That(PermitCheck.RegistersUsed(specification), Is.EqualTo(new[] { "diagnosis", "patient_background" }));
    }

    [Test]
    public void RefusalReason_CohortStartsBeforePermitPeriod_NamesCohortAndDates()
    {
        var specification = Specification() with { Cohort = InsidePermit with { From = new DateOnly(2019, 6, 1) } };

        var reason = PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today);

        Assert.That(reason, Does.Contain("cohort starts on 2019-06-01").And.Contain("2020-01-01"));
    }

    [Test]
    public void RefusalReason_CohortWithoutPeriodUnderPeriodPermit_Refused()
    {
        var specification = Specification() with { Cohort = new CohortCriteria { Icd10 = ["E11"] } };

        var reason = PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today);

        Assert.That(reason, Does.Contain("cohort starts without a 'from' date"));
    }

    [Test]
    public void RegistersUsed_CriterionTree_ListsEveryRegisterTheCohortReads()
    {
        var specification = Specification() with
        {
            Cohort = InsidePermit with
            {
                Icd10 = [],
                Include = new CohortCriterion
                {
                    All =
                    [
                        new CohortCriterion { Laboratory = new LaboratoryCriterion { TestCodes = ["2095"], Index = true } },
                        new CohortCriterion { Any = [new CohortCriterion { Visit = new VisitCriterion() }, new CohortCriterion { QualityRegistry = new QualityRegistryCriterion { Registers = ["qr_diabetes", "qr_stroke"] } }] },
                        new CohortCriterion { Not = new CohortCriterion { Procedure = new ProcedureCriterion { Codes = ["JJ"] } } },
                    ],
                },
                Exclude = new CohortCriterion { Medication = new MedicationCriterion { Atc = ["A10"] } },
            },
        };

        Assert.That(PermitCheck.RegistersUsed(specification), Is.EqualTo(new[] { "laboratory", "visit", "qr_diabetes", "qr_stroke", "procedure", "medication", "diagnosis" }));
    }

    [Test]
    public void RefusalReason_CohortReadsARegisterThePermitLacks_NamesIt()
    {
        var specification = Specification() with
        {
            Cohort = InsidePermit with { Icd10 = [], Include = new CohortCriterion { Medication = new MedicationCriterion { Atc = ["A10"] } } },
        };

        Assert.That(PermitCheck.RefusalReason(Permit(), "THL/123/2025", "anna", specification, Today),
            Does.StartWith("The specification uses register 'medication', which permit 'THL/123/2025' does not cover"));
    }
}
