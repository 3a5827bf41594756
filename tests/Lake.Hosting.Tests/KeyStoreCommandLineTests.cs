using Lake.Cli.Commands;
using Lake.Pseudonymization;
using Lake.Pseudonymization.Pkcs11;
using Lake.Testing;

namespace Lake.Hosting.Tests;

/// <summary>
/// `lake` as a real process with its keys in a PKCS#11 token: a wrong PIN, module or token is one
/// line on stderr and exit code 2, never a stack trace or the PIN; production refuses a key ring in clear beside the token.
/// </summary>
[TestFixture]
[Category(TestCategories.Pkcs11)]
public sealed class KeyStoreCommandLineTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(120);

    private TempDirectory _folder = null!;
    private Pkcs11KeyStoreOptions _token = null!;

    [SetUp]
    public async Task CreateFolder()
    {
        _folder = new TempDirectory();
        Assert.That(await LakeCommandLine.InvokeAsync(["init", "--data", _folder.File("data")]), Is.Zero);
        _token = SoftHsmToken.FreshKeys();
    }

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private string KeyRingPath => _folder.File("keys/keyring.json");

    [Test]
    public async Task UsersAdd_TokenConfigured_KeepsNoKeyInClear()
    {
        var (exitCode, output) = await RunLakeAsync(TokenSettings());

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("Lake user dana added"));
            Assert.That(File.Exists(KeyRingPath), Is.False, "no key ring file is made beside the token");
        });
    }

    [Test]
    public async Task UsersAdd_WrongPin_OneLineWithoutThePin()
    {
        const string WrongPin = "wrong-pin-81723";
        var environment = TokenSettings();
        environment["Keys__Pkcs11__PinFile"] = _folder.OwnerOnlyFile("wrong.pin", WrongPin);

        var (exitCode, output) = await RunLakeAsync(environment);

        RefusalAssert.OneErrorLine(exitCode, output, "refused the PIN");
        Assert.That(output, Does.Not.Contain(WrongPin));
    }

    [Test]
    public async Task UsersAdd_MissingModule_OneLine()
    {
        var environment = TokenSettings();
        environment["Keys__Pkcs11__Module"] = _folder.File("libnothing.so");

        var (exitCode, output) = await RunLakeAsync(environment);

        RefusalAssert.OneErrorLine(exitCode, output, "libnothing.so (Keys:Pkcs11:Module) does not exist");
    }

    [Test]
    public async Task UsersAdd_MissingToken_OneLine()
    {
        var environment = TokenSettings();
        environment["Keys__Pkcs11__TokenLabel"] = "no-such-token";

        var (exitCode, output) = await RunLakeAsync(environment);

        RefusalAssert.OneErrorLine(exitCode, output, "No token labelled \"no-such-token\"");
    }

    [Test]
    public async Task UsersAdd_ProductionWithAKeyRingInClear_RefusesToStart()
    {
        KeyRing.OpenOrCreate(KeyRingPath, TimeProvider.System);

        var (exitCode, output) = await RunLakeAsync(TokenSettings());

        RefusalAssert.OneErrorLine(exitCode, output, "a key ring with keys in clear is at " + KeyRingPath);
    }

    [Test]
    public async Task UsersAdd_DevelopmentWithAKeyRingInClear_UsesTheToken()
    {
        KeyRing.OpenOrCreate(KeyRingPath, TimeProvider.System);
        var environment = TokenSettings();
        environment["DOTNET_ENVIRONMENT"] = "Development";

        var (exitCode, output) = await RunLakeAsync(environment);

        Assert.That(exitCode, Is.Zero, output);
    }

    private Dictionary<string, string> TokenSettings() => new()
    {
        ["Keys__Store"] = "pkcs11",
        ["Keys__Pkcs11__Module"] = _token.Module,
        ["Keys__Pkcs11__TokenLabel"] = _token.TokenLabel,
        ["Keys__Pkcs11__PinFile"] = _token.PinFile,
        ["Keys__Pkcs11__LabelPrefix"] = _token.LabelPrefix,
        // The test host may run as Development; production is what the refusal is about.
        ["DOTNET_ENVIRONMENT"] = "Production",
    };

    /// <returns>The exit code and what it printed: stdout and stderr, which for a refusal is its one line.</returns>
    private async Task<(int ExitCode, string Output)> RunLakeAsync(Dictionary<string, string> environment)
    {
        using var lake = LakeProcess.Start(_folder.Path, environment, "users", "add", "dana", "--role", "staff", "--data", _folder.File("data"), "--keyring", KeyRingPath);
        await lake.WaitForExitAsync(ExitTimeout);
        return (lake.ExitCode, lake.Output);
    }
}
