using System.Runtime.Versioning;
using Lake.Coordinator.Permits;
using Lake.Extract.Access;

namespace Lake.Coordinator.Tests.Delivery;

/// <summary>
/// Who the operating system lets read a delivery, tried with real accounts: members read, everyone
/// else is denied, and an amendment takes effect on the delivery already made.
/// </summary>
[UnsupportedOSPlatform("windows")] // POSIX modes and access lists.
[Category(TestCategories.OsAccounts)]
[NonParallelizable] // Creates and deletes accounts on the host.
public sealed class DeliveryAreaAccountTests
{
    private LocalAccounts _accounts = null!;
    private TempDirectory _outside = null!;
    private string _alice = null!;
    private string _bob = null!;
    private string _carl = null!;
    private string _outsider = null!;
    private string _data = null!;

    [SetUp]
    public void CreateAccounts()
    {
        if (LocalAccounts.Unavailable() is { } reason)
            TestEnvironment.IgnoreLocallyFailOnCi($"Cannot try access with real accounts: {reason}. Run the README's test command as root, which installs acl.");
        _accounts = new LocalAccounts();
        _alice = _accounts.Create();
        _bob = _accounts.Create();
        _carl = _accounts.Create();
        _outsider = _accounts.Create();
        _outside = new TempDirectory("lake-os-accounts");
        // A 0700 folder between the temp folder and the data folder, as a private temp folder or an
        // operator's home would be: the folders above a data folder are the operator's to open.
        var parent = _outside.File("private");
        Directory.CreateDirectory(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _data = Path.Combine(parent, "data");
        _accounts.GrantPassageAbove(_data, [_alice, _bob, _carl, _outsider]);
    }

    [TearDown]
    public void RemoveAccounts()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _outside?.Dispose();
        _accounts?.Dispose();
    }

    [Test]
    public async Task Deliver_MembersAccounts_ReadAndOthersAreDenied()
    {
        var study = await DeliveredStudy.CreateAsync(_data, _outside.Path, Map());
        var (folder, _) = study.Deliver((await study.RecordAsync("alice", "bob")));
        var manifest = Path.Combine(folder, "manifest.json");

        Assert.Multiple(() =>
        {
            Assert.That(LocalAccounts.RunAs(_alice, "cat", manifest).ExitCode, Is.Zero);
            Assert.That(LocalAccounts.RunAs(_bob, "cat", Path.Combine(folder, "diagnosis.parquet")).ExitCode, Is.Zero);
            Assert.That(LocalAccounts.RunAs(_alice, "ls", folder).Output, Does.Contain("diagnosis.csv"), "a member lists the delivery");
            Assert.That(LocalAccounts.RunAs(_carl, "cat", manifest).Output, Does.Contain("Permission denied"), "a mapped account that is not a member");
            Assert.That(LocalAccounts.RunAs(_outsider, "cat", manifest).Output, Does.Contain("Permission denied"), "an account of no Lake user");
            Assert.That(LocalAccounts.RunAs(_alice, "ls", study.Deliveries.Root).Output, Does.Contain("Permission denied"), "passing through is not listing");
            Assert.That(LocalAccounts.RunAs(_alice, "ls", _data).Output, Does.Contain("Permission denied"));
            Assert.That(LocalAccounts.RunAs(_alice, "cat", study.DatabasePath).Output, Does.Contain("Permission denied"), "the control plane");
        });
    }

    [Test]
    public async Task Amend_RemovedMemberIsDeniedAtOnceAndAddedMemberReads()
    {
        var study = await DeliveredStudy.CreateAsync(_data, _outside.Path, Map());
        var permit = await study.RecordAsync("alice", "bob");
        var (folder, _) = study.Deliver(permit);
        var manifest = Path.Combine(folder, "manifest.json");
        Assert.That(LocalAccounts.RunAs(_bob, "cat", manifest).ExitCode, Is.Zero, "before the amendment");

        await study.Lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { AddMembers = ["carl"], RemoveMembers = ["bob"] }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(LocalAccounts.RunAs(_bob, "cat", manifest).Output, Does.Contain("Permission denied"));
            Assert.That(LocalAccounts.RunAs(_bob, "ls", study.Deliveries.StudyFolder("S1")).Output, Does.Contain("Permission denied"));
            Assert.That(LocalAccounts.RunAs(_carl, "cat", manifest).ExitCode, Is.Zero);
            Assert.That(LocalAccounts.RunAs(_alice, "cat", manifest).ExitCode, Is.Zero);
            Assert.That(LocalAccounts.Run("getfacl", "-p", study.Deliveries.Root).Output, Does.Not.Contain(_bob), "bob's last delivery no longer names him");
        });
    }

    [Test]
    public async Task Deliver_RamfsWithoutAcls_FailsAndNothingIsReadable()
    {
        // ramfs keeps no extended attributes, so no access lists: a real file system without ACL support.
        Directory.CreateDirectory(_data);
        var mount = LocalAccounts.Run("mount", "-t", "ramfs", "ramfs", _data);
        if (mount.ExitCode != 0)
            TestEnvironment.IgnoreLocallyFailOnCi($"Cannot mount ramfs at {_data}: {mount.Output}");
        try
        {
            var study = await DeliveredStudy.CreateAsync(_data, _outside.Path, Map());
            var permit = await study.RecordAsync("alice");

            Assert.That(() => study.Deliver(permit), Throws.TypeOf<DeliveryAccessException>().With.Message.Contains("does not support POSIX access lists"));
            var readable = Directory.EnumerateFileSystemEntries(_data, "*", SearchOption.AllDirectories)
                .Where(path => (File.GetUnixFileMode(path) & (UnixFileMode.OtherRead | UnixFileMode.GroupRead)) != 0);
            Assert.That(readable, Is.Empty);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            LocalAccounts.Run("umount", _data);
        }
    }

    private OperatingSystemAccounts Map() =>
        new(new Dictionary<string, string> { ["alice"] = _alice, ["bob"] = _bob, ["carl"] = _carl });
}
