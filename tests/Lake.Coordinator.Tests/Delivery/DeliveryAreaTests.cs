using System.Runtime.Versioning;
using System.Text.Json;
using Lake.Coordinator.Permits;
using Lake.Extract.Access;
using Lake.Extract.Delivery;

namespace Lake.Coordinator.Tests.Delivery;

/// <summary>What a delivery reports and does when the operating system cannot enforce its access list; no root needed.</summary>
[UnsupportedOSPlatform("windows")] // POSIX modes and access lists.
public sealed class DeliveryAreaTests
{
    private TempDirectory _outside = null!;
    private string _data = null!;

    [SetUp]
    public void CreateFolders()
    {
        _outside = new TempDirectory("lake-delivery-area");
        _data = _outside.File("data");
    }

    [TearDown]
    public void RemoveFolders()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _outside.Dispose();
    }

    [Test]
    public async Task Run_SetfaclMissing_FailsNamingTheAclPackageAndPublishesNothing()
    {
        var study = await DeliveredStudy.CreateAsync(_data, _outside.Path, OperatingSystemAccounts.None, setfacl: _outside.File("no-such-setfacl"));
        var permit = await study.RecordAsync("alice");

        Assert.Multiple(() =>
        {
            Assert.That(() => study.Deliver(permit), Throws.TypeOf<DeliveryAccessException>().With.Message.Contains("apt-get install acl"));
            Assert.That(Directory.EnumerateDirectories(study.Deliveries.StudyFolder("S1")).Where(d => !d.EndsWith(".partial", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public async Task Run_FileSystemWithoutAcls_FailsNamingTheMountOptionAndPublishesNothing()
    {
        // Stands in for setfacl on a file system without ACLs, which answers every path with the
        // error below. The real case, on ramfs, is DeliveryAreaAccountTests.Run_RamfsWithoutAcls_*,
        // which needs root to mount it.
        var setfacl = _outside.File("setfacl");
        await File.WriteAllTextAsync(setfacl, "#!/bin/sh\nfor last; do :; done\necho \"setfacl: $last: Operation not supported\" >&2\nexit 1\n");
        File.SetUnixFileMode(setfacl, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var study = await DeliveredStudy.CreateAsync(_data, _outside.Path, OperatingSystemAccounts.None, setfacl);
        var permit = await study.RecordAsync("alice");

        Assert.Multiple(() =>
        {
            Assert.That(() => study.Deliver(permit), Throws.TypeOf<DeliveryAccessException>()
                .With.Message.Contains("does not support POSIX access lists").And.Message.Contains("acl mount option").And.Message.Contains("never falls back"));
            Assert.That(Directory.EnumerateDirectories(study.Deliveries.StudyFolder("S1")).Where(d => !d.EndsWith(".partial", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public async Task Run_MemberWithoutAccount_IsNamedInManifestAndAccessList()
    {
        var accounts = new OperatingSystemAccounts(new Dictionary<string, string> { ["alice"] = "root" });
        var study = await DeliveredStudy.CreateAsync(_data, _outside.Path, accounts);
        var permit = await study.RecordAsync("alice", "bob");

        var (folder, manifest) = study.Deliver(permit);
        await study.Lifecycle.AmendAsync(permit.Id, "registrar", new PermitAmendment { AddMembers = ["carl"], RemoveMembers = [] }, CancellationToken.None);

        using var access = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, DeliveryAccess.FileName)));
        Assert.Multiple(() =>
        {
            Assert.That(manifest.MembersWithoutAccount, Is.EqualTo(new[] { "bob" }));
            Assert.That(access.RootElement.GetProperty("withoutAccount").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "bob", "carl" }));
            Assert.That(study.Deliveries.WarningFor(["alice", "bob", "carl"]), Does.Contain("no operating-system account configured for bob, carl"));
        });
    }
}
