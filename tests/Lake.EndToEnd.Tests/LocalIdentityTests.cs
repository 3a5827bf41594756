using System.Text.RegularExpressions;
using Lake.Cli;
using Lake.Cli.Commands;
using Lake.Cli.Serving;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// Who a command acts as on the lake host: the operating-system account that runs it, as the Lake
/// user it maps to, and nobody a flag names. Also `lake users` and the permit names that could
/// reach outside the data folder.
/// </summary>
[NonParallelizable] // Drives the CLI, which writes to the console, and sets process-wide environment variables.
public sealed partial class LocalIdentityTests
{
    private TempDirectory _root = null!;

    private string Data => Path.Combine(_root.Path, "data");

    private string KeyRing => Path.Combine(_root.Path, "keys", "keyring.json");

    [SetUp]
    public async Task CreateFolder()
    {
        _root = new TempDirectory("lake-identity");
        await LakeConsole.InitAsync(Data);
    }

    [TearDown]
    public void RemoveFolder() => _root.Dispose();

    [Test]
    public async Task RequestList_AsOption_IsNoLongerAccepted()
    {
        var result = await LakeConsole.RunAsync("request", "list", "--as", "alice", "--data", Data, "--keyring", KeyRing);

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("--as"), "the parser names the option it does not know");
    }

    [Test]
    public async Task RequestList_AccountWithoutLakeUser_RefusedSayingHowToBecomeOne()
    {
        var result = await LakeConsole.RunAsync("request", "list", "--data", Data, "--keyring", KeyRing);

        Assert.That(result.ExitCode, Is.EqualTo(CommandAction.UserError));
        Assert.That(result.Output, Does.Contain($"The operating-system account '{Environment.UserName}' is not a Lake user"));
        Assert.That(result.Output, Does.Contain("Accounts__OperatingSystem__"));
    }

    [Test]
    public async Task UsersAdd_FirstStaffAccount_IsBootstrappedThenOnlyStaffAddUsers()
    {
        var first = await LakeConsole.RunAsync("users", "add", "dana", "--role", "staff", "--data", Data, "--keyring", KeyRing);
        Assert.That(first.ExitCode, Is.Zero, first.Output);
        Assert.That(first.Output, Does.Contain("Initial password (shown once").And.Contain("otpauth://totp/Lake:dana"));

        var stranger = await LakeConsole.RunAsync("users", "add", "eve", "--role", "researcher", "--data", Data, "--keyring", KeyRing);
        Assert.That(stranger.ExitCode, Is.EqualTo(CommandAction.UserError), "once staff exist, an account that is no Lake user may not add one");

        var byStaff = await AsAsync("dana", () => LakeConsole.RunAsync("users", "add", "eve", "--role", "researcher", "--data", Data, "--keyring", KeyRing));
        Assert.That(byStaff.ExitCode, Is.Zero, byStaff.Output);
        var byResearcher = await AsAsync("eve", () => LakeConsole.RunAsync("users", "add", "frank", "--role", "staff", "--data", Data, "--keyring", KeyRing));
        Assert.That((byResearcher.ExitCode, byResearcher.Output), Is.EqualTo((CommandAction.UserError, "error: Refused for eve: this is data-service staff's work.\n")));

        var audit = new Workspace(Data, KeyRing).OpenAuditLog().ReadAll();
        Assert.That(audit.Where(e => e.Action == "user.add").Select(e => (e.Actor.Split(' ')[0], e.Subject)),
            Is.EqualTo(new[] { ("installation", "user dana"), ("dana", "user eve") }));
        Assert.That(audit.Any(e => e.Actor == "eve" && e.Action == "policy.manage-accounts" && e.Outcome == "refused"), Is.True);
    }

    [TestCase("../evil")]
    [TestCase("Alice")]
    [TestCase("al ice")]
    [TestCase("a/b")]
    public async Task UsersAdd_NameNotOfTheUserNameShape_Refused(string name)
    {
        var result = await LakeConsole.RunAsync("users", "add", name, "--role", "researcher", "--data", Data, "--keyring", KeyRing);

        Assert.That(result.ExitCode, Is.EqualTo(CommandAction.UserError));
        Assert.That(result.Output, Does.Contain("is not a valid user name"));
    }

    // Each names a folder or an access-list entry; none may climb out of the data folder.
    [TestCase("--id", "../../escape", "is not a valid permit id")]
    [TestCase("--id", "HUS/1/2025", "is not a valid permit id")]
    [TestCase("--study", "../../../escape-study", "is not a valid study id")]
    [TestCase("--study", "/tmp/absolute", "is not a valid study id")]
    [TestCase("--members", "alice/../root", "is not a valid member name")]
    public async Task PermitAdd_NameWithPathCharacters_RefusedAndAudited(string option, string value, string message)
    {
        var arguments = new Dictionary<string, string> { ["--id"] = "P-1", ["--study"] = "study-1", ["--members"] = "alice" };
        arguments[option] = value;
        var result = await AsAsync(LakeUsers.Staff, () => LakeConsole.RunAsync("permit", "add", "--id", arguments["--id"], "--study", arguments["--study"],
            "--registers", "diagnosis", "--from", "2015-01-01", "--to", "2025-12-31", "--expires", "2099-12-31", "--members", arguments["--members"],
            "--data", Data, "--keyring", KeyRing));

        Assert.That(result.ExitCode, Is.EqualTo(CommandAction.UserError));
        Assert.That(result.Output, Does.Contain(message));
        var audit = new Workspace(Data, KeyRing).OpenAuditLog().ReadAll();
        Assert.That(audit.Any(e => e.Actor == LakeUsers.Staff && e.Action == "permit.record" && e.Outcome == "refused" && e.Detail.Contains(message)), Is.True);
        Assert.That(Directory.Exists(Path.Combine(_root.Path, "escape-study")) || Directory.Exists(Path.Combine(Path.GetTempPath(), "escape-study")), Is.False);
    }

    [Test]
    public async Task PermitAdd_Researcher_RefusedByThePolicy()
    {
        var result = await AsAsync("alice", () => LakeConsole.RunAsync("permit", "add", "--id", "P-1", "--study", "study-1", "--registers", "diagnosis",
            "--from", "2015-01-01", "--to", "2025-12-31", "--expires", "2099-12-31", "--members", "alice", "--data", Data, "--keyring", KeyRing));

        Assert.That((result.ExitCode, result.Output), Is.EqualTo((CommandAction.UserError, "error: Refused for alice: this is data-service staff's work.\n")));
        Assert.That(await new Workspace(Data, KeyRing).OpenPermits().FindAsync("P-1", CancellationToken.None), Is.Null);
    }

    [Test]
    [Category(TestCategories.Integration)]
    public async Task Login_DeviceFlowConfirmedInTheBrowser_TokenKeptOwnerOnlyUsedAndForgottenAtLogout()
    {
        var workspace = new Workspace(Data, KeyRing);
        const string password = "a long enough password for alice";
        byte[] seed;
        await using (var store = await workspace.OpenIdentityStoreAsync(CancellationToken.None))
        {
            await store.Accounts.AddPersonAsync("test", "alice", "Alice", ["researcher"], password, CancellationToken.None);
            seed = OtpNet.Base32Encoding.ToBytes((await store.Accounts.EnrollTotpAsync("test", "alice", CancellationToken.None)).Base32Secret);
        }

        var port = FreePort();
        await using var coordinator = await CoordinatorHost.BuildAsync(workspace, $"http://127.0.0.1:{port}");
        await coordinator.StartAsync();
        var server = new Uri($"http://127.0.0.1:{port}");
        var tokens = Path.Combine(_root.Path, "config", "tokens.json");
        Environment.SetEnvironmentVariable(TokenCache.EnvironmentVariable, tokens);
        try
        {
            var written = new StringWriter();
            var output = TextWriter.Synchronized(written);
            var (previousOut, previousError) = (Console.Out, Console.Error);
            Console.SetOut(output);
            Console.SetError(output);
            int exitCode;
            try
            {
                var login = LakeCommandLine.InvokeAsync(["login", "--server", server.ToString()]);
                var userCode = await ShownCodeAsync(() => Read(output, written), TimeSpan.FromSeconds(30));
                // The person opens the address, signs in with password and one-time code, and confirms.
                await ScriptedSignIn.ApproveAsync(server, userCode, "alice", password, seed, CancellationToken.None);
                exitCode = await login.WaitAsync(TimeSpan.FromSeconds(60));
            }
            finally
            {
                Console.SetOut(previousOut);
                Console.SetError(previousError);
            }

            Assert.That(exitCode, Is.Zero, Read(output, written));
            Assert.That(File.GetUnixFileMode(tokens), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.ReadAllText(tokens), Does.Not.Contain(password));

            var id = Guid.NewGuid();
            var status = await LakeConsole.RunAsync("request", "status", id.ToString(), "--server", server.ToString());
            Assert.That((status.ExitCode, status.Output), Is.EqualTo((CommandAction.UserError, $"error: No request {id} that you may see.\n")),
                "the coordinator answered the signed-in caller (no token would be 'not signed in')");

            var logout = await LakeConsole.RunAsync("logout", "--server", server.ToString());
            Assert.That(logout.Output, Does.Contain("Signed out"));
            var after = await LakeConsole.RunAsync("request", "status", id.ToString(), "--server", server.ToString());
            Assert.That(after.ExitCode, Is.EqualTo(CommandAction.UserError));
            Assert.That(after.Output, Does.Contain("Not signed in"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(TokenCache.EnvironmentVariable, null);
            await coordinator.StopAsync();
        }
    }

    private Task<T> AsAsync<T>(string user, Func<Task<T>> run) => LakeUsers.AsAsync(Data, KeyRing, user, run);

    private static async Task<string> ShownCodeAsync(Func<string> output, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ShownCode().Match(output()) is { Success: true } match)
                return match.Groups[1].Value;
            await Task.Delay(50);
        }

        Assert.Fail("lake login showed no code: " + output());
        return "";
    }

    /// <summary>What the command has written so far; the synchronized writer locks on itself, so reading takes the same lock.</summary>
    private static string Read(TextWriter synchronized, StringWriter written)
    {
        lock (synchronized)
            return written.ToString();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("confirm the code (\\S+)\\.")]
    private static partial Regex ShownCode();
}
