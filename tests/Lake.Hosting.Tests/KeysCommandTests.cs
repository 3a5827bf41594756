using System.Text.Json;
using Lake.Cli.Commands;
using Lake.Pseudonymization;
using Lake.Testing;

namespace Lake.Hosting.Tests;

/// <summary>
/// `lake keys` as a real process, and any command once the key ring is encrypted: the passphrase comes
/// from its file only, and a missing or wrong one is one line on stderr and exit code 2, never a stack
/// trace or the passphrase.
/// </summary>
[TestFixture]
public sealed class KeysCommandTests
{
    private const string Passphrase = "lumihiutale-kahdeksan-jäätelö-42";
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(120);

    private TempDirectory _folder = null!;

    [SetUp]
    public async Task CreateFolder()
    {
        _folder = new TempDirectory();
        Assert.That(await LakeCommandLine.InvokeAsync(["init", "--data", _folder.File("data")]), Is.Zero);
    }

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private string KeyRingPath => _folder.File("keys/keyring.json");

    [Test]
    public async Task KeysEncrypt_ClearRing_EncryptsItAndEveryCommandOpensItWithThePassphraseFile()
    {
        var ring = KeyRing.OpenOrCreate(KeyRingPath, TimeProvider.System);
        var passphraseFile = PassphraseFile("passphrase", Passphrase);

        var (encryptExit, encrypted) = await LakeAsync(WithPassphrase(passphraseFile), "keys", "encrypt");
        var (statusExit, status) = await LakeAsync(WithPassphrase(passphraseFile), "keys", "status");
        var (usersExit, users) = await LakeAsync(WithPassphrase(passphraseFile), UsersAdd);

        Assert.Multiple(() =>
        {
            Assert.That(encryptExit, Is.Zero, encrypted);
            Assert.That(encrypted, Does.Contain("encrypted with AES-256-GCM").And.Contain(passphraseFile).And.Not.Contain(Passphrase));
            Assert.That(IsEnvelope(), Is.True);
            Assert.That(statusExit, Is.Zero, status);
            Assert.That(status, Does.Contain("PBKDF2-HMAC-SHA256, 1000000 iterations").And.Contain("current 1"));
            Assert.That(usersExit, Is.Zero, users);
            Assert.That(KeyRing.OpenOrCreate(KeyRingPath, KeyRingPassphrase.FromFile(passphraseFile, "the test"), TimeProvider.System).KeyIds, Is.EqualTo(ring.KeyIds));
        });
    }

    [Test]
    public async Task UsersAdd_EncryptedRingWithoutPassphrase_OneLineSayingWhatToSet()
    {
        KeyRing.OpenOrCreate(KeyRingPath, KeyRingPassphrase.FromFile(PassphraseFile("passphrase", Passphrase), "the test"), TimeProvider.System);

        var (exitCode, output) = await LakeAsync(WithPassphrase(""), UsersAdd);

        RefusalAssert.OneErrorLine(exitCode, output, $"Key ring file {KeyRingPath} is encrypted, and no passphrase is configured: set LAKE_KEY_PASSPHRASE_FILE");
    }

    [Test]
    public async Task UsersAdd_WrongPassphrase_OneLineWithoutEitherPassphrase()
    {
        const string WrongPassphrase = "not-the-passphrase-of-this-ring";
        KeyRing.OpenOrCreate(KeyRingPath, KeyRingPassphrase.FromFile(PassphraseFile("passphrase", Passphrase), "the test"), TimeProvider.System);
        var wrongFile = PassphraseFile("wrong", WrongPassphrase);

        var (exitCode, output) = await LakeAsync(WithPassphrase(wrongFile), UsersAdd);

        RefusalAssert.OneErrorLine(exitCode, output, $"does not open with the passphrase in {wrongFile}: the passphrase is wrong, or the file was changed");
        Assert.That(output, Does.Not.Contain(WrongPassphrase).And.Not.Contain(Passphrase));
    }

    // Configuration names the file as well as the environment variable does.
    [Test]
    public async Task KeysDecrypt_EncryptedRing_WritesItInClear()
    {
        var passphraseFile = PassphraseFile("passphrase", Passphrase);
        KeyRing.OpenOrCreate(KeyRingPath, KeyRingPassphrase.FromFile(passphraseFile, "the test"), TimeProvider.System);
        var environment = WithPassphrase("");
        environment["Keys__PassphraseFile"] = passphraseFile;

        var (exitCode, output) = await LakeAsync(environment, "keys", "decrypt");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("in clear"));
            Assert.That(IsEnvelope(), Is.False);
            Assert.That(File.GetUnixFileMode(KeyRingPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public async Task KeysEncrypt_PassphraseFileOthersCanRead_RefusedAndRingLeftInClear()
    {
        KeyRing.OpenOrCreate(KeyRingPath, TimeProvider.System);
        var loose = PassphraseFile("loose", Passphrase);
        File.SetUnixFileMode(loose, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var (exitCode, output) = await LakeAsync(WithPassphrase(""), "keys", "encrypt", "--passphrase-file", loose);

        RefusalAssert.OneErrorLine(exitCode, output, $"chmod 600 {loose}");
        Assert.That(IsEnvelope(), Is.False);
    }

    [Test]
    public async Task KeysEncrypt_NoKeyRing_RefusedWithoutMakingOne()
    {
        var (exitCode, output) = await LakeAsync(WithPassphrase(PassphraseFile("passphrase", Passphrase)), "keys", "encrypt");

        RefusalAssert.OneErrorLine(exitCode, output, $"No key ring at {KeyRingPath}");
        Assert.That(File.Exists(KeyRingPath), Is.False);
    }

    private string[] UsersAdd => ["users", "add", "dana", "--role", "staff", "--data", _folder.File("data")];

    private bool IsEnvelope()
    {
        using var file = JsonDocument.Parse(File.ReadAllBytes(KeyRingPath));
        return file.RootElement.TryGetProperty("format", out _);
    }

    // Set even when empty: the test's own environment must not lend the process a passphrase.
    private static Dictionary<string, string> WithPassphrase(string passphraseFile) => new()
    {
        [KeyRingPassphrase.EnvironmentVariable] = passphraseFile,
        ["Keys__PassphraseFile"] = "",
    };

    private string PassphraseFile(string name, string text) => _folder.OwnerOnlyFile(name, text + "\n");

    /// <returns>The exit code and what it printed: stdout and stderr, which for a refusal is its one line.</returns>
    private async Task<(int ExitCode, string Output)> LakeAsync(Dictionary<string, string> environment, params string[] args)
    {
        using var lake = LakeProcess.Start(_folder.Path, environment, [.. args, "--keyring", KeyRingPath]);
        await lake.WaitForExitAsync(ExitTimeout);
        return (lake.ExitCode, lake.Output);
    }
}
