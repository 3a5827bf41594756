using Lake.Contracts.Permits;
using Lake.Coordinator.ControlPlane;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Tests.ControlPlane;

public sealed class PermitStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ControlPlaneStores _stores = null!;

    private PermitStore Permits => _stores.Permits;

    [SetUp]
    public void CreateStores() => _stores = new ControlPlaneStores();

    [TearDown]
    public void DeleteStores() => _stores.Dispose();

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
    public async Task Find_AfterSave_ReturnsEqualPermit()
    {
        var permit = Permit();
        await Permits.SaveAsync(permit, "recorded", None);

        var found = await Permits.FindAsync(permit.Id, None);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found! with { Registers = permit.Registers, Members = permit.Members }, Is.EqualTo(permit));
            Assert.That(found.Registers, Is.EqualTo(permit.Registers));
            Assert.That(found.Members, Is.EqualTo(permit.Members));
        });
    }

    [Test]
    public async Task Find_OpenEndedPeriod_RoundTripsNulls()
    {
        await Permits.SaveAsync(Permit() with { PeriodFrom = null, PeriodTo = null }, "recorded", None);

        var found = (await Permits.FindAsync("THL/123/2025", None))!;

        Assert.Multiple(() =>
        {
            Assert.That(found.PeriodFrom, Is.Null);
            Assert.That(found.PeriodTo, Is.Null);
        });
    }

    [Test]
    public async Task Save_NewVersion_IsFoundAndEveryVersionKept()
    {
        await Permits.SaveAsync(Permit(), "recorded", None);
        await Permits.SaveAsync(Permit() with { Version = 2, Members = ["anna"], Expires = new DateOnly(2027, 6, 30) }, "amended: removed others", None);

        var found = (await Permits.FindAsync("THL/123/2025", None))!;
        var history = await Permits.HistoryAsync("THL/123/2025", None);

        Assert.Multiple(() =>
        {
            Assert.That(found.Version, Is.EqualTo(2));
            Assert.That(found.Members, Is.EqualTo(new[] { "anna" }));
            Assert.That(found.Expires, Is.EqualTo(new DateOnly(2027, 6, 30)));
            Assert.That(history.Select(h => h.Change), Is.EqualTo(new[] { "recorded", "amended: removed others" }));
            Assert.That(history.Select(h => h.Version), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(history[1].At, Is.GreaterThan(history[0].At));
        });
    }

    [Test]
    public async Task Save_SameVersionTwice_IsRefused()
    {
        await Permits.SaveAsync(Permit(), "recorded", None);

        await Assert.ThatAsync(() => Permits.SaveAsync(Permit(), "recorded", None), Throws.InstanceOf<SqliteException>());
    }

    [Test]
    public async Task Find_Unknown_ReturnsNull()
    {
        await Permits.SaveAsync(Permit(), "recorded", None);

        Assert.That(await Permits.FindAsync("' OR '1'='1", None), Is.Null);
    }

    [Test]
    public async Task Find_FromAnotherStoreOnSameFile_SeesSavedPermit()
    {
        await Permits.SaveAsync(Permit(), "recorded", None);

        var reopened = new PermitStore(new ControlPlaneDataSource(_stores.DatabasePath), TimeProvider.System);

        Assert.That((await reopened.FindAsync("THL/123/2025", None))?.StudyId, Is.EqualTo("diabetes-1"));
    }

    [Test]
    public async Task List_SeveralPermitsAndVersions_LatestVersionOfEachById()
    {
        await Permits.SaveAsync(Permit() with { Id = "P-2" }, "recorded", None);
        await Permits.SaveAsync(Permit(), "recorded", None);
        await Permits.SaveAsync(Permit() with { Version = 2, Members = ["anna"] }, "amended: removed ben", None);
        await Permits.SaveAsync(Permit() with { Version = 3, Members = ["anna", "carl"] }, "amended: added carl", None);

        var permits = await Permits.ListAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(permits.Select(p => (p.Id, p.Version)), Is.EqualTo(new[] { ("P-2", 1), ("THL/123/2025", 3) }));
            Assert.That(permits[1].Members, Is.EqualTo(new[] { "anna", "carl" }));
        });
    }

    [Test]
    public async Task Find_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThatAsync(() => Permits.FindAsync("THL/123/2025", cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
