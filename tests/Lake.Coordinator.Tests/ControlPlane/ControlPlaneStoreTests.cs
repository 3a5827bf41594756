using Lake.Contracts.Permits;
using Lake.Coordinator.ControlPlane;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Tests.ControlPlane;

public sealed partial class ControlPlaneStoreTests
{
    private TempDirectory _folder = null!;
    private SteppingClock _clock = null!;
    private ControlPlaneStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _folder = new TempDirectory("lake-extract-tests");
        _clock = new SteppingClock(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        _store = new ControlPlaneStore(new ControlPlaneDataSource(_folder.File("control/control.db")), _clock);
    }

    [TearDown]
    public void DeleteStore() => _folder.Dispose();

    private static Permit Permit() => new()
    {
        Id = "THL/123/2025",
        StudyId = "diabetes-1",
        Title = "Type 2 diabetes; \"glycaemic\" control",
        Registers = ["diagnosis", "laboratory"],
        PeriodFrom = new DateOnly(2020, 1, 1),
        PeriodTo = new DateOnly(2024, 12, 31),
        Expires = new DateOnly(2026, 12, 31),
        Members = ["anna", "ben"],
        RecordedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Test]
    public void FindPermit_AfterSave_ReturnsEqualPermit()
    {
        var permit = Permit();
        _store.SavePermit(permit);

        var found = _store.FindPermit(permit.Id);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found! with { Registers = permit.Registers, Members = permit.Members }, Is.EqualTo(permit));
            Assert.That(found.Registers, Is.EqualTo(permit.Registers));
            Assert.That(found.Members, Is.EqualTo(permit.Members));
        });
    }

    [Test]
    public void FindPermit_OpenEndedPeriod_RoundTripsNulls()
    {
        _store.SavePermit(Permit() with { PeriodFrom = null, PeriodTo = null });

        var found = _store.FindPermit("THL/123/2025")!;

        Assert.Multiple(() =>
        {
            Assert.That(found.PeriodFrom, Is.Null);
            Assert.That(found.PeriodTo, Is.Null);
        });
    }

    [Test]
    public void SavePermit_NewVersion_IsFoundAndEveryVersionKept()
    {
        _store.SavePermit(Permit());
        _store.SavePermit(Permit() with { Version = 2, Members = ["anna"], Expires = new DateOnly(2027, 6, 30) }, "amended: removed others");

        var found = _store.FindPermit("THL/123/2025")!;

        Assert.Multiple(() =>
        {
            Assert.That(found.Version, Is.EqualTo(2));
            Assert.That(found.Members, Is.EqualTo(new[] { "anna" }));
            Assert.That(found.Expires, Is.EqualTo(new DateOnly(2027, 6, 30)));
            Assert.That(_store.PermitHistory("THL/123/2025").Select(h => h.Change), Is.EqualTo(new[] { "recorded", "amended: removed others" }));
        });
    }

    [Test]
    public void SavePermit_SameVersionTwice_IsRefused()
    {
        _store.SavePermit(Permit());

        Assert.That(() => _store.SavePermit(Permit()), Throws.InstanceOf<SqliteException>());
    }

    [Test]
    public void FindPermit_Unknown_ReturnsNull()
    {
        _store.SavePermit(Permit());

        Assert.That(_store.FindPermit("' OR '1'='1"), Is.Null);
    }

    [Test]
    public void FindPermit_FromAnotherStoreOnSameFile_SeesSavedPermit()
    {
        _store.SavePermit(Permit());

        var reopened = new ControlPlaneStore(new ControlPlaneDataSource(_folder.File("control/control.db")), TimeProvider.System);

        Assert.That(reopened.FindPermit("THL/123/2025")?.StudyId, Is.EqualTo("diabetes-1"));
    }

    [Test]
    public void CreateRequest_New_IsSubmittedWithOneEvent()
    {
        var id = Guid.NewGuid();

        _store.CreateRequest(id, "THL/123/2025", "anna", """{"title":"x"}""");

        var request = _store.FindRequest(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Submitted));
            Assert.That(request.PermitId, Is.EqualTo("THL/123/2025"));
            Assert.That(request.RequestedBy, Is.EqualTo("anna"));
            Assert.That(request.SpecificationJson, Is.EqualTo("""{"title":"x"}"""));
            Assert.That(request.CreatedAt, Is.EqualTo(_clock.Start));
            Assert.That(request.History.Select(e => e.State), Is.EqualTo(new[] { RequestState.Submitted }));
        });
    }

    [Test]
    public void FindRequest_AfterSeveralStates_HistoryInOrder()
    {
        var id = Guid.NewGuid();
        _store.CreateRequest(id, "THL/123/2025", "anna", "{}");
        _store.SetState(id, RequestState.Accepted);
        _store.SetState(id, RequestState.Extracting, "3 datasets");
        _store.SetState(id, RequestState.Delivered, deliveryFolder: "deliveries/x");

        var request = _store.FindRequest(id)!;

        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Delivered));
            Assert.That(request.DeliveryFolder, Is.EqualTo("deliveries/x"));
            Assert.That(request.Reason, Is.Null);
            Assert.That(request.History.Select(e => e.State), Is.EqualTo(new[]
            {
                RequestState.Submitted, RequestState.Accepted, RequestState.Extracting, RequestState.Delivered,
            }));
            Assert.That(request.History.Select(e => e.Detail), Is.EqualTo(new[] { null, null, "3 datasets", null }));
            Assert.That(request.History.Select(e => e.At), Is.Ordered.Ascending);
            Assert.That(request.History[^1].At, Is.GreaterThan(request.History[0].At));
        });
    }

    [Test]
    public void SetState_Refused_RecordsReason()
    {
        var id = Guid.NewGuid();
        _store.CreateRequest(id, null, "anna", "{}");

        _store.SetState(id, RequestState.Refused, "no permit");

        var request = _store.FindRequest(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(request.State, Is.EqualTo(RequestState.Refused));
            Assert.That(request.Reason, Is.EqualTo("no permit"));
            Assert.That(request.PermitId, Is.Null);
        });
    }

    [Test]
    public void SetState_UnknownRequest_ThrowsAndRecordsNoEvent()
    {
        var known = Guid.NewGuid();
        _store.CreateRequest(known, null, "anna", "{}");
        var unknown = Guid.NewGuid();

        Assert.That(() => _store.SetState(unknown, RequestState.Accepted),
            Throws.InvalidOperationException.With.Message.Contains(unknown.ToString()));
        Assert.That(_store.FindRequest(unknown), Is.Null);
    }

    [Test]
    public void SetState_AfterFailedCall_StoreStillUsable()
    {
        var id = Guid.NewGuid();
        _store.CreateRequest(id, null, "anna", "{}");
        Assert.That(() => _store.SetState(Guid.NewGuid(), RequestState.Accepted), Throws.InvalidOperationException);

        _store.SetState(id, RequestState.Accepted);

        Assert.That(_store.FindRequest(id)!.History, Has.Count.EqualTo(2));
    }

    [Test]
    public void FindRequest_Unknown_ReturnsNull()
    {
        Assert.That(_store.FindRequest(Guid.NewGuid()), Is.Null);
    }

    /// <summary>A clock that moves one second each time it is read, so event times are distinct.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public DateTimeOffset Start { get; } = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _now;
            _now = _now.AddSeconds(1);
            return now;
        }
    }
}
