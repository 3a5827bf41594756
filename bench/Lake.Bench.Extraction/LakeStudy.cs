using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Preliminary;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;

namespace Lake.Bench.Extraction;

/// <summary>
/// The study done Lake's way, through the same classes `lake study preliminary` and an extraction
/// worker use: a locked-down session over the committed snapshot, pseudonym maps per register,
/// disclosure control, the differencing ledger and the audit log for the preliminary study; study
/// pseudonyms, event de-duplication across sources, a manifest with checksums for the extraction.
/// </summary>
internal sealed class LakeStudy(BenchLake lake)
{
    public const string User = "bench.researcher";

    public static StudySpecification Specification(DateOnly from, DateOnly to) => new()
    {
        Title = "Type 1 diabetes, laboratory history",
        Cohort = new CohortCriteria { Icd10 = [ApottiFeedWriter.CohortCode], From = from, To = to },
        Datasets =
        [
            new DatasetRequest { Register = RegisterNames.Laboratory, From = new DateOnly(2000, 1, 1), To = new DateOnly(2025, 12, 31) },
            new DatasetRequest { Register = RegisterNames.Diagnosis, From = new DateOnly(2000, 1, 1), To = new DateOnly(2025, 12, 31) },
        ],
    };

    public PreliminaryReport Preliminary(StudySpecification specification)
    {
        using var session = LakeQuerySession.Open(LakeSnapshot.Take(lake.Layout, RegisterCatalog.Shipped));
        var study = new PreliminaryStudy(session, lake.Pseudonymizer, new DisclosureControl(), new AuditLog(new ControlPlaneDataSource(lake.ControlPlanePath), lake.KeyRing, TimeProvider.System), new DifferencingLedger(new ControlPlaneDataSource(lake.ControlPlanePath), TimeProvider.System));
        // The in-process counter completes synchronously.
        return study.RunAsync(specification, User).GetAwaiter().GetResult();
    }

    public DeliveryManifest Extract(StudySpecification specification)
    {
        var permit = new Permit
        {
            Id = "BENCH-1",
            StudyId = "bench-study",
            Registers = [RegisterNames.Laboratory, RegisterNames.Diagnosis, RegisterNames.PatientBackground],
            Expires = new DateOnly(2100, 1, 1),
            Members = [User],
            RecordedAt = DateTimeOffset.UtcNow,
        };
        var runner = ExtractionRunner.Over(lake.Layout, RegisterCatalog.Shipped, new DeliveryArea(lake.Folder, OperatingSystemAccounts.None), lake.Pseudonymizer, TimeProvider.System);
        return runner.Run(Guid.NewGuid(), permit, User, specification);
    }
}
