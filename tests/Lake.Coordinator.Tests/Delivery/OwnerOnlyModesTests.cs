using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Lake.Extract.Access;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Tests.Delivery;

/// <summary>
/// Everything Lake writes is owner-only even when the process's umask would let everyone read:
/// a worker or test hosting the library does not get the `lake` command's umask of 077.
/// </summary>
[UnsupportedOSPlatform("windows")] // POSIX modes and access lists.
[NonParallelizable] // Sets the process-wide umask.
public sealed class OwnerOnlyModesTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private TempDirectory _outside = null!;
    private string _data = null!;
    private uint _umask;

    [SetUp]
    public void PermissiveUmask()
    {
        _outside = new TempDirectory("lake-modes");
        _data = _outside.File("data");
        _umask = Umask(0);
    }

    [TearDown]
    public void RestoreUmask()
    {
        Umask(_umask);
        SqliteConnection.ClearAllPools();
        _outside.Dispose();
    }

    [Test]
    public async Task IngestAndDeliver_UmaskZero_EveryFileIs0600AndEveryFolder0700()
    {
        var study = await DeliveredStudy.CreateAsync(_data, _outside.Path, OperatingSystemAccounts.None);
        var permit = study.Record("alice", "bob");
        var (delivery, _) = study.Deliver(permit);
        study.Lifecycle.Amend(permit.Id, "registrar", addMembers: ["carl"], removeMembers: ["bob"]);
        // An open connection keeps the database's -wal and -shm files, which SQLite creates itself.
        using var connection = new SqliteConnection($"Data Source={study.DatabasePath};Pooling=False");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM permit_versions";
            command.ExecuteScalar();
        }

        var files = Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).ToList();
        var folders = Directory.EnumerateDirectories(_data, "*", SearchOption.AllDirectories).Prepend(_data).ToList();
        var names = files.Select(Path.GetFileName).ToList();
        Assert.Multiple(() =>
        {
            // Each kind of thing Lake writes is there, so the modes below are not checked on an empty folder.
            Assert.That(files, Has.Some.Contains("_quarantine"), "quarantine");
            Assert.That(files, Has.Some.Contains("_batches"), "commit records");
            Assert.That(files, Has.Some.EndsWith(".parquet").And.Contains("year="), "lake partitions");
            Assert.That(names, Does.Contain("lake.db").And.Contain("lake.db-wal").And.Contain("lake.db-shm"));
            Assert.That(files.Where(f => f.StartsWith(delivery, StringComparison.Ordinal)).Select(Path.GetFileName),
                Does.Contain("manifest.json").And.Contain("access.json").And.Contain("README.md").And.Contain("diagnosis.csv"));
            Assert.That(files.Where(f => UnixModeOf(f) != File), Is.Empty, "files not 0600");
            Assert.That(folders.Where(f => UnixModeOf(f) != Folder), Is.Empty, "folders not 0700");
            Assert.That(UnixModeOf(_outside.File("keys/keyring.json")), Is.EqualTo(File));
        });
    }

    private static UnixFileMode UnixModeOf(string path) => System.IO.File.GetUnixFileMode(path);

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code allowed in the project, for one call.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
