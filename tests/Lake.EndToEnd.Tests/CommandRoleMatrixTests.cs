using Lake.Cli.Commands;
using Lake.Coordinator.ControlPlane;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Every local command that touches patient data, permits, accounts or the audit log, run as
/// every kind of caller: a member of the research group, a researcher outside it, a member
/// removed by amendment, a member of an expired permit, data-service staff, an operator and an
/// auditor. The answer is the exit code; the HTTP API has the same matrix in the coordinator's tests.
/// </summary>
[NonParallelizable] // Drives the CLI, which writes to the console, and maps the host's account per call.
public sealed class CommandRoleMatrixTests : LakePipelineFixture
{
    private const int Ok = 0;
    private const int Refused = CommandAction.UserError;
    private const int NotDelivered = RequestCommand.RequestNotDelivered;

    private static readonly string Pricing = Path.Combine(RepositoryPaths.Root, "examples", "pricing.yaml");

    private Guid _aliceRequest;

    [OneTimeSetUp]
    public async Task RecordPermitsAndOneDelivery()
    {
        Assert.That(await Lake("permit", "add", "--id", "CUR-1", "--study", "matrix-current", "--registers", "patient_background", "diagnosis", "laboratory",
            "--from", "2015-01-01", "--to", "2025-12-31", "--expires", "2099-12-31", "--members", "alice", "bob", "carol"), Is.Zero);
        Assert.That(await Lake("permit", "amend", "CUR-1", "--remove-member", "carol"), Is.Zero);
        Assert.That(await Lake("permit", "add", "--id", "OLD-1", "--study", "matrix-expired", "--registers", "patient_background", "diagnosis", "laboratory",
            "--from", "2015-01-01", "--to", "2025-12-31", "--expires", "2020-01-01", "--members", "alice"), Is.Zero);
        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "CUR-1", "--as", "alice"), Is.Zero);
        _aliceRequest = (await Workspace().OpenRequests().ListAsync(CancellationToken.None)).Single(r => r.RequestedBy == "alice" && r.State == RequestState.Delivered).Id;
    }

    [Test]
    public async Task PermitAmend_MembersOnly_KeepsTheRegisterScope() =>
        Assert.That((await Workspace().OpenPermits().FindAsync("CUR-1", CancellationToken.None))!.Registers, Is.EqualTo(new[] { "patient_background", "diagnosis", "laboratory" }),
            "amending the members must not touch the registers");

    public static IEnumerable<TestCaseData> Matrix()
    {
        // name, command, caller, expected exit code, why
        (string Name, string[] Command)[] commands =
        [
            ("study preliminary", ["study", "preliminary", RepositoryPaths.ExampleSpecification]),
            ("cost estimate", ["cost", "estimate", RepositoryPaths.ExampleSpecification, "--pricing", Pricing]),
            ("request list", ["request", "list"]),
            ("permit show", ["permit", "show", "CUR-1"]),
            ("permit amend", ["permit", "amend", "CUR-1", "--expires", "2099-12-31"]),
            ("audit verify", ["audit", "verify"]),
            ("users list", ["users", "list"]),
        ];
        var expected = new Dictionary<string, Dictionary<string, int>>
        {
            // Preliminary studies and estimates need no permit: any researcher, and staff answering for one.
            ["study preliminary"] = new() { ["alice"] = Ok, ["mallory"] = Ok, ["carol"] = Ok, [LakeUsers.Staff] = Ok, [LakeUsers.Operator] = Refused, [LakeUsers.Auditor] = Refused },
            ["cost estimate"] = new() { ["alice"] = Ok, ["mallory"] = Ok, ["carol"] = Ok, [LakeUsers.Staff] = Ok, [LakeUsers.Operator] = Refused, [LakeUsers.Auditor] = Refused },
            // Everyone who may request may list (their own); operators and auditors see no requests.
            ["request list"] = new() { ["alice"] = Ok, ["mallory"] = Ok, ["carol"] = Ok, [LakeUsers.Staff] = Ok, [LakeUsers.Operator] = Refused, [LakeUsers.Auditor] = Refused },
            // Permits are staff's records; auditors read them.
            ["permit show"] = new() { ["alice"] = Refused, ["mallory"] = Refused, ["carol"] = Refused, [LakeUsers.Staff] = Ok, [LakeUsers.Operator] = Refused, [LakeUsers.Auditor] = Ok },
            ["permit amend"] = new() { ["alice"] = Refused, ["mallory"] = Refused, ["carol"] = Refused, [LakeUsers.Staff] = Ok, [LakeUsers.Operator] = Refused, [LakeUsers.Auditor] = Refused },
            // The audit log is the auditor's alone.
            ["audit verify"] = new() { ["alice"] = Refused, ["mallory"] = Refused, ["carol"] = Refused, [LakeUsers.Staff] = Refused, [LakeUsers.Operator] = Refused, [LakeUsers.Auditor] = Ok },
            ["users list"] = new() { ["alice"] = Refused, ["mallory"] = Refused, ["carol"] = Refused, [LakeUsers.Staff] = Ok, [LakeUsers.Operator] = Refused, [LakeUsers.Auditor] = Refused },
        };
        foreach (var (name, command) in commands)
        {
            foreach (var (caller, exit) in expected[name])
                yield return new TestCaseData(command, caller, exit).SetName($"{{m}}({name}, {caller})");
        }
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task Command_Caller_ExitCode(string[] command, string caller, int expected) =>
        Assert.That(await Lake([.. command, "--as", caller]), Is.EqualTo(expected));

    // The permit decides who may request: only current members of an unexpired permit, and only researchers.
    [TestCase("CUR-1", "alice", Ok, TestName = "{m}(member)")]
    [TestCase("CUR-1", "mallory", NotDelivered, TestName = "{m}(not a member: recorded as refused)")]
    [TestCase("CUR-1", "carol", NotDelivered, TestName = "{m}(removed member: recorded as refused)")]
    [TestCase("OLD-1", "alice", NotDelivered, TestName = "{m}(member of an expired permit)")]
    [TestCase("CUR-1", LakeUsers.Staff, Refused, TestName = "{m}(staff do not request data)")]
    [TestCase("CUR-1", LakeUsers.Operator, Refused, TestName = "{m}(operator)")]
    [TestCase("CUR-1", LakeUsers.Auditor, Refused, TestName = "{m}(auditor)")]
    public async Task RequestSubmit_Caller_ExitCode(string permit, string caller, int expected) =>
        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", permit, "--as", caller), Is.EqualTo(expected));

    // The same "no such request" for a stranger as for an id that does not exist, so ids cannot be probed.
    [TestCase("alice", Ok, TestName = "{m}(requester)")]
    [TestCase("bob", Ok, TestName = "{m}(current member)")]
    [TestCase("mallory", Refused, TestName = "{m}(stranger)")]
    [TestCase("carol", Refused, TestName = "{m}(removed member)")]
    [TestCase(LakeUsers.Staff, Ok, TestName = "{m}(staff)")]
    [TestCase(LakeUsers.Operator, Refused, TestName = "{m}(operator)")]
    [TestCase(LakeUsers.Auditor, Refused, TestName = "{m}(auditor)")]
    public async Task RequestStatus_Caller_ExitCode(string caller, int expected) =>
        Assert.That(await Lake("request", "status", _aliceRequest.ToString(), "--as", caller), Is.EqualTo(expected));
}
