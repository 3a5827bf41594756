using System.Security.Claims;
using Lake.Coordinator.Access;
using Lake.Coordinator.Authority;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests;

public sealed class CallerClaimsTests
{
    [Test]
    public void From_KeycloakShapedToken_SubjectAndMappedRealmRoles()
    {
        var claims = new CallerClaims(new AuthOptions
        {
            SubjectClaim = "preferred_username",
            RoleClaim = "realm_access.roles",
            RoleMap = new() { ["lake-researcher"] = LakeRoles.Researcher, ["lake-auditor"] = LakeRoles.Auditor },
        });
        var principal = Principal(("sub", "5b0f7c1e-0000-4000-8000-000000000001"), ("preferred_username", "alice"),
            ("realm_access", """{"roles":["offline_access","lake-researcher","lake-auditor","uma_authorization"]}"""));

        var caller = claims.From(principal);

        Assert.That(caller, Is.Not.Null);
        Assert.That((caller!.Subject, caller.Roles), Is.EqualTo(("alice", (IReadOnlyList<string>)[LakeRoles.Auditor, LakeRoles.Researcher])).Using<(string, IReadOnlyList<string>)>(
            (a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2)));
    }

    [Test]
    public void From_RoleValuesThatAreNoLakeRoles_Ignored()
    {
        var claims = new CallerClaims(new AuthOptions());

        var caller = claims.From(Principal(("sub", "bob"), ("role", "admin"), ("role", "researcher"), ("role", "superuser")));

        Assert.That(caller!.Roles, Is.EqualTo(new[] { LakeRoles.Researcher }), "only Lake's four roles count; an IdP's 'admin' is not staff");
    }

    [TestCase("Alice Smith")]
    [TestCase("../root")]
    [TestCase("")]
    public void From_SubjectNotOfTheUserNameShape_NoCaller(string subject) =>
        Assert.That(new CallerClaims(new AuthOptions()).From(Principal(("sub", subject), ("role", "researcher"))), Is.Null,
            "a subject that cannot name a permit member or an ACL entry is no subject");

    [Test]
    public void From_RoleClaimPathIntoNonJson_NoRoles() =>
        Assert.That(new CallerClaims(new AuthOptions { RoleClaim = "realm_access.roles" }).From(Principal(("sub", "carol"), ("realm_access", "researcher")))!.Roles, Is.Empty);

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
