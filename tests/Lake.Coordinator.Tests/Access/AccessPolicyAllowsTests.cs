using Lake.Coordinator.Access;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Identity;
using Lake.Pseudonymization;

namespace Lake.Coordinator.Tests.Access;

/// <summary>
/// <see cref="AccessPolicy.Allows"/>, which decides what a page offers (the portal's link to the
/// operations page): the same answer as <see cref="AccessPolicy.DecideAsync"/>, without an audit entry.
/// </summary>
public sealed class AccessPolicyAllowsTests
{
    private TempDirectory _folder = null!;
    private AuditLog _audit = null!;
    private AccessPolicy _policy = null!;

    [SetUp]
    public void CreatePolicy()
    {
        _folder = new TempDirectory("lake-policy-tests");
        var database = _folder.File("control/lake.db");
        _audit = new AuditLog(new ControlPlaneDataSource(database), KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System), TimeProvider.System);
        _policy = new AccessPolicy(new PermitStore(new ControlPlaneDataSource(database), TimeProvider.System), _audit);
    }

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [TestCase(LakeRoles.Operator, true)]
    [TestCase(LakeRoles.Staff, true)]
    [TestCase(LakeRoles.Researcher, false)]
    [TestCase(LakeRoles.Auditor, false)]
    public async Task Allows_ViewOperations_AnswersAsDecideWithoutAnAuditEntry(string role, bool allowed)
    {
        var caller = new Caller("someone", [role], "portal");

        var offered = AccessPolicy.Allows(caller, LakeAction.ViewOperations);
        var entriesBefore = _audit.ReadAll().Count;
        var decided = (await _policy.DecideAsync(caller, LakeAction.ViewOperations, "operations dashboard")).Allowed;

        Assert.Multiple(() =>
        {
            Assert.That(offered, Is.EqualTo(allowed));
            Assert.That(decided, Is.EqualTo(offered));
            Assert.That(entriesBefore, Is.Zero, "Allows writes nothing");
            Assert.That(_audit.ReadAll(), Has.Count.EqualTo(1), "Decide writes its decision");
        });
    }
}
