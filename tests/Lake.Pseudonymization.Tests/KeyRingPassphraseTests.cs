using System.Diagnostics;
using System.Runtime.Versioning;

namespace Lake.Pseudonymization.Tests;

[UnsupportedOSPlatform("windows")]
[Platform(Exclude = "Win", Reason = "Unix file modes and FIFOs")]
[NonParallelizable] // Sets LAKE_KEY_PASSPHRASE_FILE, which is process-wide.
public sealed class KeyRingPassphraseTests
{
    private const string Text = "kaksi-kolme-neljä-viisi-kuusi";

    private TemporaryFolder _folder = null!;
    private string? _savedVariable;

    [SetUp]
    public void CreateFolder()
    {
        _folder = new TemporaryFolder();
        _savedVariable = Environment.GetEnvironmentVariable(KeyRingPassphrase.EnvironmentVariable);
        Environment.SetEnvironmentVariable(KeyRingPassphrase.EnvironmentVariable, null);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Environment.SetEnvironmentVariable(KeyRingPassphrase.EnvironmentVariable, _savedVariable);
        _folder.Dispose();
    }

    [Test]
    public void FromConfiguration_NothingSet_IsNull()
    {
        Assert.That(KeyRingPassphrase.FromConfiguration(null), Is.Null);
    }

    [Test]
    public void FromConfiguration_SettingOnly_ReadsItsFile()
    {
        var file = OwnerOnly("setting.txt", Text);

        Assert.That(KeyRingPassphrase.FromConfiguration(file)!.FilePath, Is.EqualTo(file));
    }

    [Test]
    public void FromConfiguration_EnvironmentVariableAndSetting_EnvironmentVariableWins()
    {
        var fromEnvironment = OwnerOnly("environment.txt", Text);
        Environment.SetEnvironmentVariable(KeyRingPassphrase.EnvironmentVariable, fromEnvironment);

        Assert.That(KeyRingPassphrase.FromConfiguration(OwnerOnly("setting.txt", Text))!.FilePath, Is.EqualTo(fromEnvironment));
    }

    [Test]
    public void FromConfiguration_EnvironmentVariableNamesAMissingFile_SaysWhichVariable()
    {
        var missing = _folder.File("missing.txt");
        Environment.SetEnvironmentVariable(KeyRingPassphrase.EnvironmentVariable, missing);

        Assert.That(() => KeyRingPassphrase.FromConfiguration(null),
            Throws.TypeOf<KeyStoreException>().With.Message.Contains(missing).And.Message.Contains("(LAKE_KEY_PASSPHRASE_FILE) does not exist"));
    }

    [Test]
    public void FromFile_OthersCanRead_RefusedWithChmodAdvice()
    {
        var file = OwnerOnly("loose.txt", Text);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Assert.Throws<KeyStoreException>(() => KeyRingPassphrase.FromFile(file, "the test"));

        Assert.That(error.Message, Does.Contain($"chmod 600 {file}").And.Contain("treat the passphrase as disclosed").And.Not.Contain(Text));
    }

    [Test]
    public void FromFile_Empty_Refused()
    {
        var file = OwnerOnly("empty.txt", "\n");

        Assert.That(() => KeyRingPassphrase.FromFile(file, "the test"), Throws.TypeOf<KeyStoreException>().With.Message.Contains("is empty"));
    }

    // Opening a FIFO to read it waits for a writer: the reader would hang instead of refusing.
    [Test]
    public void FromFile_Fifo_RefusedWithoutOpeningIt()
    {
        var fifo = _folder.File("fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
            mkfifo.WaitForExit();

        Assert.That(() => KeyRingPassphrase.FromFile(fifo, "the test"),
            Throws.TypeOf<KeyStoreException>().With.Message.Contains("is a device, pipe or socket"));
    }

    [Test]
    public void ToString_Passphrase_NamesTheFileOnly()
    {
        var file = OwnerOnly("passphrase.txt", Text);

        var text = KeyRingPassphrase.FromFile(file, "the test").ToString();

        Assert.That(text, Does.Contain(file).And.Contain("redacted").And.Not.Contain(Text));
    }

    private string OwnerOnly(string name, string content)
    {
        var path = _folder.File(name);
        KnownKeyRing.WriteOwnerOnly(path, content);
        return path;
    }
}
