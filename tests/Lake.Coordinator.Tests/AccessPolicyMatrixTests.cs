using System.Net;
using System.Text.Json;
using Lake.Coordinator.Access;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests;

/// <summary>
/// <see cref="AccessPolicy"/> as the API applies it: every endpoint against every kind of
/// caller, signed in through the real device flow, with permits recorded, amended and expired
/// as the data service would.
/// </summary>
[Category(TestCategories.Integration)]
public sealed class AccessPolicyMatrixTests
{
    private const string MainPermit = "MATRIX-2025-001";
    private const string ExpiredPermit = "MATRIX-2023-007";

    private readonly Dictionary<Caller, string> _tokens = [];
    private CoordinatorServer _server = null!;
    private Guid _membersRequest;

    public enum Caller
    {
        /// <summary>A researcher named on the permit.</summary>
        Member,

        /// <summary>A researcher the permit never named.</summary>
        NonMember,

        /// <summary>A researcher the permit named until an amendment removed them.</summary>
        RemovedMember,

        /// <summary>A researcher named only on a permit whose last valid day has passed.</summary>
        ExpiredPermitMember,
        Staff,
        Operator,
        Auditor,
        NoToken,
    }

    public enum Endpoint
    {
        Me,
        ListRequests,

        /// <summary>GET /requests/{id} of a request the member made under the permit.</summary>
        GetMembersRequest,

        /// <summary>POST /requests under the caller's permit (the expired one for its member, the main one for everyone else).</summary>
        SubmitRequest,
        PreliminaryStudy,
        VerifyAudit,
        OperationsRequests,
    }

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = new CoordinatorServer();
        var people = new Dictionary<Caller, TestAccount>
        {
            [Caller.Member] = await _server.AddPersonAsync("member", LakeRoles.Researcher),
            [Caller.NonMember] = await _server.AddPersonAsync("outsider", LakeRoles.Researcher),
            [Caller.RemovedMember] = await _server.AddPersonAsync("leaver", LakeRoles.Researcher),
            [Caller.ExpiredPermitMember] = await _server.AddPersonAsync("latecomer", LakeRoles.Researcher),
            [Caller.Staff] = await _server.AddPersonAsync("staffer", LakeRoles.Staff),
            [Caller.Operator] = await _server.AddPersonAsync("watcher", LakeRoles.Operator),
            [Caller.Auditor] = await _server.AddPersonAsync("checker", LakeRoles.Auditor),
        };
        await _server.RecordPermitAsync(Studies.Permit(MainPermit, ["member", "leaver"], Studies.Today.AddYears(1)));
        await _server.RemoveMemberAsync(MainPermit, "leaver");
        // Recorded before the server starts, as a permit that ran out overnight: the start closes it.
        await _server.RecordPermitAsync(Studies.Permit(ExpiredPermit, ["latecomer"], Studies.Today.AddDays(-1)));
        await _server.StartAsync();

        foreach (var (caller, person) in people)
        {
            using var browser = _server.CreateBrowser();
            _tokens[caller] = (await browser.DeviceSignInAsync(person)).AccessToken;
        }

        using var submitted = await _server.CallAsync(HttpMethod.Post, "/requests", _tokens[Caller.Member], Studies.Submission(MainPermit));
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        using var json = JsonDocument.Parse(body);
        _membersRequest = json.RootElement.GetProperty("id").GetGuid();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    public static IEnumerable<TestCaseData> Matrix()
    {
        // GET /me: any valid token says who it is; roles do not matter.
        yield return Row(Caller.Member, Endpoint.Me, HttpStatusCode.OK); // a signed-in researcher
        yield return Row(Caller.NonMember, Endpoint.Me, HttpStatusCode.OK); // membership is per permit, not per sign-in
        yield return Row(Caller.RemovedMember, Endpoint.Me, HttpStatusCode.OK); // still an account, only no longer on the permit
        yield return Row(Caller.ExpiredPermitMember, Endpoint.Me, HttpStatusCode.OK); // an expired permit does not end the account
        yield return Row(Caller.Staff, Endpoint.Me, HttpStatusCode.OK); // any role
        yield return Row(Caller.Operator, Endpoint.Me, HttpStatusCode.OK); // any role
        yield return Row(Caller.Auditor, Endpoint.Me, HttpStatusCode.OK); // any role
        yield return Row(Caller.NoToken, Endpoint.Me, HttpStatusCode.Unauthorized); // bearer-only API

        // GET /requests: researchers and staff; the list is filtered per caller, the endpoint is open to both roles.
        yield return Row(Caller.Member, Endpoint.ListRequests, HttpStatusCode.OK); // role researcher
        yield return Row(Caller.NonMember, Endpoint.ListRequests, HttpStatusCode.OK); // role researcher; sees only what is theirs
        yield return Row(Caller.RemovedMember, Endpoint.ListRequests, HttpStatusCode.OK); // role researcher
        yield return Row(Caller.ExpiredPermitMember, Endpoint.ListRequests, HttpStatusCode.OK); // role researcher
        yield return Row(Caller.Staff, Endpoint.ListRequests, HttpStatusCode.OK); // staff see every request
        yield return Row(Caller.Operator, Endpoint.ListRequests, HttpStatusCode.Forbidden); // operators see load, not requests
        yield return Row(Caller.Auditor, Endpoint.ListRequests, HttpStatusCode.Forbidden); // auditors read the audit log, not requests
        yield return Row(Caller.NoToken, Endpoint.ListRequests, HttpStatusCode.Unauthorized); // bearer-only API

        // GET /requests/{id} of the member's request: 404, never 403, for whoever may not see it, so ids cannot be probed.
        yield return Row(Caller.Member, Endpoint.GetMembersRequest, HttpStatusCode.OK); // a current member of the permit's group
        yield return Row(Caller.NonMember, Endpoint.GetMembersRequest, HttpStatusCode.NotFound); // not in the permit's group
        yield return Row(Caller.RemovedMember, Endpoint.GetMembersRequest, HttpStatusCode.NotFound); // current members only: removal ends access at once
        yield return Row(Caller.ExpiredPermitMember, Endpoint.GetMembersRequest, HttpStatusCode.NotFound); // a member of another permit only
        yield return Row(Caller.Staff, Endpoint.GetMembersRequest, HttpStatusCode.OK); // staff see every request
        yield return Row(Caller.Operator, Endpoint.GetMembersRequest, HttpStatusCode.NotFound); // no role that sees requests
        yield return Row(Caller.Auditor, Endpoint.GetMembersRequest, HttpStatusCode.NotFound); // no role that sees requests
        yield return Row(Caller.NoToken, Endpoint.GetMembersRequest, HttpStatusCode.Unauthorized); // bearer-only API

        // POST /requests: the policy lets only researchers in; the permit check then decides on membership and expiry.
        yield return Row(Caller.Member, Endpoint.SubmitRequest, HttpStatusCode.Created); // named on a live permit
        yield return Row(Caller.NonMember, Endpoint.SubmitRequest, HttpStatusCode.Forbidden); // permit check: not a member (refused record)
        yield return Row(Caller.RemovedMember, Endpoint.SubmitRequest, HttpStatusCode.Forbidden); // permit check: amended out (refused record)
        yield return Row(Caller.ExpiredPermitMember, Endpoint.SubmitRequest, HttpStatusCode.Forbidden); // permit check: past its last day (refused record)
        yield return Row(Caller.Staff, Endpoint.SubmitRequest, HttpStatusCode.Forbidden); // policy: staff record permits but do not receive data
        yield return Row(Caller.Operator, Endpoint.SubmitRequest, HttpStatusCode.Forbidden); // policy: only researchers request
        yield return Row(Caller.Auditor, Endpoint.SubmitRequest, HttpStatusCode.Forbidden); // policy: only researchers request
        yield return Row(Caller.NoToken, Endpoint.SubmitRequest, HttpStatusCode.Unauthorized); // bearer-only API

        // POST /studies/preliminary: counts only, no permit needed; researchers and staff.
        yield return Row(Caller.Member, Endpoint.PreliminaryStudy, HttpStatusCode.OK); // role researcher
        yield return Row(Caller.NonMember, Endpoint.PreliminaryStudy, HttpStatusCode.OK); // no permit needed for counts
        yield return Row(Caller.RemovedMember, Endpoint.PreliminaryStudy, HttpStatusCode.OK); // no permit needed for counts
        yield return Row(Caller.ExpiredPermitMember, Endpoint.PreliminaryStudy, HttpStatusCode.OK); // no permit needed for counts
        yield return Row(Caller.Staff, Endpoint.PreliminaryStudy, HttpStatusCode.OK); // staff answer feasibility questions
        yield return Row(Caller.Operator, Endpoint.PreliminaryStudy, HttpStatusCode.Forbidden); // never counts of patients
        yield return Row(Caller.Auditor, Endpoint.PreliminaryStudy, HttpStatusCode.Forbidden); // reads the audit log only
        yield return Row(Caller.NoToken, Endpoint.PreliminaryStudy, HttpStatusCode.Unauthorized); // bearer-only API

        // GET /audit/verify: auditors only.
        yield return Row(Caller.Member, Endpoint.VerifyAudit, HttpStatusCode.Forbidden); // not an auditor
        yield return Row(Caller.NonMember, Endpoint.VerifyAudit, HttpStatusCode.Forbidden); // not an auditor
        yield return Row(Caller.RemovedMember, Endpoint.VerifyAudit, HttpStatusCode.Forbidden); // not an auditor
        yield return Row(Caller.ExpiredPermitMember, Endpoint.VerifyAudit, HttpStatusCode.Forbidden); // not an auditor
        yield return Row(Caller.Staff, Endpoint.VerifyAudit, HttpStatusCode.Forbidden); // staff are audited, not auditors
        yield return Row(Caller.Operator, Endpoint.VerifyAudit, HttpStatusCode.Forbidden); // not an auditor
        yield return Row(Caller.Auditor, Endpoint.VerifyAudit, HttpStatusCode.OK); // role auditor
        yield return Row(Caller.NoToken, Endpoint.VerifyAudit, HttpStatusCode.Unauthorized); // bearer-only API

        // GET /operations/requests: counts by state for operators and staff.
        yield return Row(Caller.Member, Endpoint.OperationsRequests, HttpStatusCode.Forbidden); // researchers see their requests, not the service's load
        yield return Row(Caller.NonMember, Endpoint.OperationsRequests, HttpStatusCode.Forbidden); // as above
        yield return Row(Caller.RemovedMember, Endpoint.OperationsRequests, HttpStatusCode.Forbidden); // as above
        yield return Row(Caller.ExpiredPermitMember, Endpoint.OperationsRequests, HttpStatusCode.Forbidden); // as above
        yield return Row(Caller.Staff, Endpoint.OperationsRequests, HttpStatusCode.OK); // staff run the service
        yield return Row(Caller.Operator, Endpoint.OperationsRequests, HttpStatusCode.OK); // role operator
        yield return Row(Caller.Auditor, Endpoint.OperationsRequests, HttpStatusCode.Forbidden); // reads the audit log only
        yield return Row(Caller.NoToken, Endpoint.OperationsRequests, HttpStatusCode.Unauthorized); // bearer-only API
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task Call_CallerOnEndpoint_AnswersThePolicysStatus(Caller caller, Endpoint endpoint, HttpStatusCode expected)
    {
        using var response = await CallAsync(caller, endpoint);

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    // The permit check refuses after the request is recorded: the answer is the refused record with the reason.
    [TestCase(Caller.NonMember, "not a member")]
    [TestCase(Caller.RemovedMember, "not a member")]
    [TestCase(Caller.ExpiredPermitMember, "expired")]
    public async Task SubmitRequest_RefusedByThePermitCheck_AnswersTheRefusedRecordWithItsReason(Caller caller, string reason)
    {
        using var response = await CallAsync(caller, Endpoint.SubmitRequest);

        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(json.RootElement.GetProperty("state").GetString(), Is.EqualTo("Refused"), body);
            Assert.That(json.RootElement.GetProperty("reason").GetString(), Does.Contain(reason));
        });
    }

    [Test]
    public async Task SubmitRequest_Staff_IsRefusedByThePolicyBeforeAnythingIsRecorded()
    {
        var before = (await _server.Workspace.OpenRequests().ListAsync(CancellationToken.None)).Count;

        using var response = await CallAsync(Caller.Staff, Endpoint.SubmitRequest);

        var body = await response.Content.ReadAsStringAsync();
        var after = await _server.Workspace.OpenRequests().ListAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(body, Does.Contain("only researchers"));
            Assert.That(after, Has.Count.EqualTo(before));
            Assert.That(_server.AuditEntries().Any(e => e.Actor == "staffer" && e.Action == "policy.submit-request" && e.Outcome == "refused"), Is.True);
        });
    }

    [Test]
    public async Task ListRequests_Staff_SeesTheMembersRequestAndTheRemovedMemberDoesNot()
    {
        using var staff = await CallAsync(Caller.Staff, Endpoint.ListRequests);
        using var removed = await CallAsync(Caller.RemovedMember, Endpoint.ListRequests);

        var staffBody = await staff.Content.ReadAsStringAsync();
        var removedBody = await removed.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(staffBody, Does.Contain(_membersRequest.ToString()));
            Assert.That(removedBody, Does.Not.Contain(_membersRequest.ToString()));
        });
    }

    private static TestCaseData Row(Caller caller, Endpoint endpoint, HttpStatusCode expected) =>
        new TestCaseData(caller, endpoint, expected).SetArgDisplayNames(caller.ToString(), endpoint.ToString(), $"{(int)expected} {expected}");

    private Task<HttpResponseMessage> CallAsync(Caller caller, Endpoint endpoint)
    {
        var token = caller == Caller.NoToken ? null : _tokens[caller];
        var permit = caller == Caller.ExpiredPermitMember ? ExpiredPermit : MainPermit;
        return endpoint switch
        {
            Endpoint.Me => _server.CallAsync(HttpMethod.Get, "/me", token),
            Endpoint.ListRequests => _server.CallAsync(HttpMethod.Get, "/requests", token),
            Endpoint.GetMembersRequest => _server.CallAsync(HttpMethod.Get, $"/requests/{_membersRequest}", token),
            Endpoint.SubmitRequest => _server.CallAsync(HttpMethod.Post, "/requests", token, Studies.Submission(permit)),
            Endpoint.PreliminaryStudy => _server.CallAsync(HttpMethod.Post, "/studies/preliminary", token, Studies.Preliminary()),
            Endpoint.VerifyAudit => _server.CallAsync(HttpMethod.Get, "/audit/verify", token),
            Endpoint.OperationsRequests => _server.CallAsync(HttpMethod.Get, "/operations/requests", token),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };
    }
}
