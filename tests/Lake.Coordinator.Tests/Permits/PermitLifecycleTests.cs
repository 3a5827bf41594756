using Lake.Contracts.Registers;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Permits;
using Lake.Coordinator.Requests;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Extract.Tests;
using Lake.Ingest;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Permits;

/// <summary>What amending, revoking and expiring a permit does to deliveries, keys and the audit log.</summary>
public sealed class PermitLifecycleTests
{
    private static readonly Hetu Anna = Hetu.Create(new DateOnly(1960, 4, 2), 202);

    private TempDirectory _folder = null!;
    private PermitStore _permits = null!;
    private AuditLog _audit = null!;
    private KeyRing _keyRing = null!;
    private Pseudonymizer _pseudonymizer = null!;
    private PermitLifecycle _lifecycle = null!;
    private ExtractionRunner _runner = null!;
    private DeliveryArea Deliveries => new(_folder.Path, OperatingSystemAccounts.None);

    [SetUp]
    public async Task Setup()
    {
        _folder = new TempDirectory("lake-extract-tests");
        _permits = new PermitStore(new ControlPlaneDataSource(_folder.File("control/lake.db")), TimeProvider.System);
        _keyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
        _audit = new AuditLog(new ControlPlaneDataSource(_folder.File("control/lake.db")), _keyRing, TimeProvider.System);
        _pseudonymizer = new Pseudonymizer(_keyRing);
        _lifecycle = new PermitLifecycle(_permits, _audit, _keyRing, Deliveries, TimeProvider.System);
        var layout = new LakeLayout(_folder.File("lake"));
        _runner = ExtractionRunner.Over(layout, RegisterCatalog.Shipped, Deliveries, _pseudonymizer, TimeProvider.System);

        var feed = _folder.File("feed.csv");
        await File.WriteAllTextAsync(feed, $"hetu,code,at\n{Anna.Value},E11.9,2021-05-02T10:00:00\n");
        await new FeedIngestor(layout, _pseudonymizer, _keyRing, TimeProvider.System).IngestAsync(DiagnosisFeeds.Descriptor("Apotti", 2020), feed);
    }

    [TearDown]
    public void Teardown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Test]
    public async Task Amend_RemovedMember_LosesAccessToExistingDeliveriesAndMayNoLongerRequest()
    {
        var permit = await _lifecycle.RecordAsync(Permit(), "registrar", CancellationToken.None);
        var delivery = Deliver(permit);

        var amended = await _lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { AddMembers = ["carl"], RemoveMembers = ["bob"] }, CancellationToken.None);

        var current = await _permits.FindAsync(permit.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(amended.Version, Is.EqualTo(2));
            Assert.That(DeliveryAccess.Read(delivery), Is.EquivalentTo(new[] { "alice", "carl" }));
            Assert.That(PermitCheck.RefusalReason(current, permit.Id, "bob", Specification(), Today), Does.Contain("not a member"));
            Assert.That(_audit.ReadAll().Select(e => e.Action), Does.Contain("permit.amend"));
        });
    }

    [Test]
    public async Task Amend_FreeTextAllowance_ChangesWhatTheNextRequestMayAskAndIsAudited()
    {
        var permit = await _lifecycle.RecordAsync(Permit(), "registrar", CancellationToken.None);
        var withText = Specification() with { Delivery = new DeliveryOptions { FreeText = true } };
        Assert.That(PermitCheck.RefusalReason(await _permits.FindAsync(permit.Id, CancellationToken.None), permit.Id, "alice", withText, Today), Does.Contain("free text"));

        var amended = await _lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { AddMembers = [], RemoveMembers = [], AllowsFreeText = true }, CancellationToken.None);

        var current = await _permits.FindAsync(permit.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(amended.AllowsFreeText, Is.True);
            Assert.That(amended.AllowsIdentityCodes, Is.False, "left as it was");
            Assert.That(PermitCheck.RefusalReason(current, permit.Id, "alice", withText, Today), Is.Null);
            Assert.That(_audit.ReadAll().Last(e => e.Action == "permit.amend").Detail, Does.Contain("free text allowed"));
        });
    }

    [Test]
    public async Task Amend_Period_ChangesOnlyTheGivenEndAndIsAudited()
    {
        var permit = await _lifecycle.RecordAsync(Permit() with { PeriodFrom = new DateOnly(2015, 1, 1), PeriodTo = new DateOnly(2020, 12, 31) }, "registrar", CancellationToken.None);

        var amended = await _lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { PeriodTo = new DateOnly(2023, 12, 31) }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((amended.PeriodFrom, amended.PeriodTo), Is.EqualTo((new DateOnly(2015, 1, 1), new DateOnly(2023, 12, 31))));
            Assert.That(_audit.ReadAll().Last(e => e.Action == "permit.amend").Detail, Does.Contain("period 2015-01-01..2023-12-31"));
        });
    }

    [Test]
    public async Task Amend_PeriodEndingBeforeItBegins_IsRefusedAndNothingSaved()
    {
        var permit = await _lifecycle.RecordAsync(Permit() with { PeriodFrom = new DateOnly(2015, 1, 1) }, "registrar", CancellationToken.None);

        await Assert.ThatAsync(() => _lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { PeriodTo = new DateOnly(2010, 1, 1) }, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("before it begins"));
        Assert.That((await _permits.FindAsync(permit.Id, CancellationToken.None))!.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Amend_RemovingSomeoneNotAMember_IsRefusedWithTheMembers()
    {
        var permit = await _lifecycle.RecordAsync(Permit(), "registrar", CancellationToken.None);

        await Assert.ThatAsync(() => _lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { RemoveMembers = ["carl"] }, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("'carl' is not a member").And.Message.Contains("alice, bob"));
        Assert.That((await _permits.FindAsync(permit.Id, CancellationToken.None))!.Members, Is.EqualTo(new[] { "alice", "bob" }));
    }

    [Test]
    public async Task Revoke_Twice_IsRefusedTheSecondTime()
    {
        var permit = await _lifecycle.RecordAsync(Permit(), "registrar", CancellationToken.None);
        await _lifecycle.RevokeAsync(permit.Id, "registrar", "withdrawn", CancellationToken.None);

        await Assert.ThatAsync(() => _lifecycle.RevokeAsync(permit.Id, "registrar", "again", CancellationToken.None), Throws.ArgumentException.With.Message.Contains("revoked already"));
        await Assert.ThatAsync(() => _lifecycle.RevokeAsync("P1", "registrar", " ", CancellationToken.None), Throws.ArgumentException.With.Message.Contains("Say why"));
    }

    [Test]
    public async Task Revoke_DeletesDeliveriesAndStudyKeySoOldPseudonymsCannotBeRecomputed()
    {
        var permit = await _lifecycle.RecordAsync(Permit(), "registrar", CancellationToken.None);
        var delivery = Deliver(permit);
        var before = _pseudonymizer.StudyPseudonym("S1", _pseudonymizer.IdentityOf(Anna));

        await _lifecycle.RevokeAsync(permit.Id, "registrar", "the ethics committee withdrew its statement", CancellationToken.None);

        var current = await _permits.FindAsync(permit.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(delivery), Is.False);
            Assert.That(_keyRing.HasStudyKey("S1"), Is.False);
            Assert.That(_pseudonymizer.StudyPseudonym("S1", _pseudonymizer.IdentityOf(Anna)), Is.Not.EqualTo(before));
            Assert.That(PermitCheck.RefusalReason(current, permit.Id, "alice", Specification(), Today), Does.Contain("revoked"));
            Assert.That(_audit.ReadAll().Where(e => e.Action == "permit.close").Single().Detail, Does.Contain("1 deliveries").And.Contain("study key deleted"));
            Assert.That(_audit.Verify().IsIntact, Is.True);
        });
    }

    [Test]
    public async Task CloseExpired_ExpiredPermit_DeletesItsDeliveriesOnceAndLeavesLivePermitsAlone()
    {
        var expired = await _lifecycle.RecordAsync(Permit() with { Id = "OLD", Expires = new DateOnly(2025, 1, 31) }, "registrar", CancellationToken.None);
        var live = await _lifecycle.RecordAsync(Permit() with { Id = "NEW", StudyId = "S2" }, "registrar", CancellationToken.None);
        var oldDelivery = Deliver(expired);
        var liveDelivery = Deliver(live);

        var closed = await _lifecycle.CloseExpiredAsync("lake", new DateOnly(2025, 2, 1), CancellationToken.None);
        var again = await _lifecycle.CloseExpiredAsync("lake", new DateOnly(2025, 2, 2), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(closed.Select(p => p.Id), Is.EqualTo(new[] { "OLD" }));
            Assert.That(again, Is.Empty, "a closed permit is closed once");
            Assert.That(Directory.Exists(oldDelivery), Is.False);
            Assert.That(Directory.Exists(liveDelivery), Is.True);
        });
    }

    [Test]
    public async Task Record_SameIdTwice_IsRefused()
    {
        await _lifecycle.RecordAsync(Permit(), "registrar", CancellationToken.None);

        await Assert.ThatAsync(() => _lifecycle.RecordAsync(Permit(), "registrar", CancellationToken.None), Throws.ArgumentException.With.Message.Contains("amend"));
    }

    private static DateOnly Today => new(2025, 1, 15);

    private string Deliver(Permit permit)
    {
        var id = Guid.NewGuid();
        _runner.Run(id, permit, "alice", Specification());
        return _runner.DeliveryFolder(permit.StudyId, id);
    }

    private static Permit Permit() => new()
    {
        Id = "P1",
        StudyId = "S1",
        Registers = ["diagnosis"],
        Expires = new DateOnly(2099, 1, 1),
        Members = ["alice", "bob"],
        RecordedAt = DateTimeOffset.UtcNow,
    };

    private static StudySpecification Specification() => new()
    {
        Cohort = new CohortCriteria { Icd10 = ["E11"] },
        Datasets = [new DatasetRequest { Register = "diagnosis" }],
    };
}
