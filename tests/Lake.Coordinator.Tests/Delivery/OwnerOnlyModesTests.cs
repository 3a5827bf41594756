using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Lake.Coordinator.Permits;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Extract.Access;
using Lake.Pseudonymization;
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
        var permit = await study.RecordAsync("alice", "bob");
        var (delivery, _) = study.Deliver(permit);
        await study.Lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { AddMembers = ["carl"], RemoveMembers = ["bob"] }, CancellationToken.None);
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
            Assert.That(Directory.EnumerateFiles(_outside.File("keys"), "*.checkpoints").Select(UnixModeOf), Is.Not.Empty.And.All.EqualTo(File), "the audit checkpoints");
        });
    }

    [Test]
    public async Task ControlPlaneAndAuditCheckpoints_UmaskZero_EveryFileBesideTheDatabaseIs0600()
    {
        // The control folder holds the control-plane database and the identity database, each with
        // the -wal and -shm files SQLite makes beside it; the checkpoints live beside the key ring.
        var keyRing = KeyRing.OpenOrCreate(_outside.File("keys/keyring.json"), TimeProvider.System);
        var control = Path.Combine(_data, "control");
        var dataSource = new ControlPlaneDataSource(Path.Combine(control, "lake.db"));
        var audit = new AuditLog(dataSource, keyRing, new AuditOptions { Syslog = false }, TimeProvider.System);
        await using (var identity = await IdentityStore.OpenAsync(Path.Combine(control, IdentityDatabase.FileName), keyRing, audit, new IdentityOptions(), CancellationToken.None))
            await identity.Accounts.AddPersonAsync("test", "dana", "Dana", [LakeRoles.Staff], "a long enough password for dana", CancellationToken.None);
        audit.Append("dana", "permit.show", "permit P-1", "shown");
        // Open connections keep the -wal and -shm files of both databases.
        using var controlPlane = Opened(dataSource.DatabasePath, "SELECT count(*) FROM audit");
        using var accounts = Opened(Path.Combine(control, IdentityDatabase.FileName), "SELECT count(*) FROM sqlite_master");

        var files = Directory.EnumerateFiles(control).Append(audit.CheckpointPath).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files.Select(Path.GetFileName), Does.Contain("lake.db").And.Contain("lake.db-wal").And.Contain("lake.db-shm").And.Contain(IdentityDatabase.FileName));
            Assert.That(System.IO.File.Exists(audit.CheckpointPath), Is.True);
            Assert.That(files.Where(f => UnixModeOf(f) != File).Select(f => $"{Path.GetFileName(f)} {UnixModeOf(f)}"), Is.Empty, "files not 0600");
            Assert.That(UnixModeOf(control), Is.EqualTo(Folder));
            Assert.That(UnixModeOf(Path.GetDirectoryName(audit.CheckpointPath)!), Is.EqualTo(Folder));
        });
    }

    private static SqliteConnection Opened(string database, string query)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        command.ExecuteScalar();
        return connection;
    }

    private static UnixFileMode UnixModeOf(string path) => System.IO.File.GetUnixFileMode(path);

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code allowed in the project, for one call.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
