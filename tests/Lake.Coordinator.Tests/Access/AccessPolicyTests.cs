using Lake.Coordinator.Access;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests.Access;

/// <summary>What a page may offer by role alone: the same answers the audited decision gives.</summary>
public sealed class AccessPolicyTests
{
    [TestCase(LakeRoles.Staff, LakeAction.ManagePermits, true)]
    [TestCase(LakeRoles.Auditor, LakeAction.ManagePermits, false)]
    [TestCase(LakeRoles.Auditor, LakeAction.ViewPermits, true)]
    [TestCase(LakeRoles.Researcher, LakeAction.ViewPermits, false)]
    [TestCase(LakeRoles.Staff, LakeAction.ViewQueue, true)]
    // A researcher lists their own requests, but the queue of everyone's is not theirs.
    [TestCase(LakeRoles.Researcher, LakeAction.ViewQueue, false)]
    [TestCase(LakeRoles.Operator, LakeAction.ViewOperations, true)]
    // Whether a request may be seen depends on the request: never answered by role alone.
    [TestCase(LakeRoles.Staff, LakeAction.ViewRequest, false)]
    public void Allows_Role_AnswersAsTheRolesOpenTheAction(string role, LakeAction action, bool allowed)
    {
        var caller = new Caller("someone", [role], "portal");

        Assert.That(AccessPolicy.Allows(caller, action), Is.EqualTo(allowed));
    }
}
