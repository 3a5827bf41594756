using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Pseudonymization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Coordinator.Tests.ControlPlane;

/// <summary>
/// Links planted in the control folder (as the folder, the database, or a file SQLite makes beside
/// it) are refused before SQLite opens anything, so nothing is written where they point.
/// </summary>
public sealed class ControlPlaneDataSourceTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-control-tests");

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private string Control => _folder.File("control");

    private string Database => Path.Combine(Control, "lake.db");

    [Test]
    public void Constructor_ControlFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough()
    {
        var link = PlantedLink.ToFolder(_folder, Control);

        Assert.Multiple(() =>
        {
            Assert.That(() => new ControlPlaneDataSource(Database), link.Refused);
            Assert.That(link.TargetUnchanged, Is.True);
        });
    }

    [TestCase("lake.db", TestName = "Constructor_DatabaseIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    [TestCase("lake.db-wal", TestName = "Constructor_WriteAheadLogIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    [TestCase("lake.db-journal", TestName = "Constructor_JournalIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough")]
    public void Constructor_DatabaseFileIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough(string name)
    {
        var link = PlantedLink.ToFile(_folder, Path.Combine(Control, name));

        Assert.Multiple(() =>
        {
            Assert.That(() => new ControlPlaneDataSource(Database), link.Refused);
            Assert.That(link.TargetUnchanged, Is.True);
        });
    }

    [Test]
    public void IdentityStore_ControlFolderIsAPlantedLink_IsRefusedAndNothingIsWrittenThrough()
    {
        var link = PlantedLink.ToFolder(_folder, Control);
        var keys = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(() => IdentityStore.AddTo(new ServiceCollection(), Path.Combine(Control, IdentityDatabase.FileName), keys), link.Refused);
            Assert.That(link.TargetUnchanged, Is.True);
        });
    }
}
