using Lake.Pseudonymization.Pkcs11;

namespace Lake.Pseudonymization.Tests.Pkcs11;

/// <summary>A wrong PIN, module or token: one line saying which, never the PIN.</summary>
public sealed partial class Pkcs11KeyStoreTests
{
    [Test]
    public void Open_WrongPin_SaysTheTokenRefusedItWithoutThePin()
    {
        const string WrongPin = "not-the-pin-4711";
        _options.PinFile = WritePinFile(WrongPin);

        var error = Assert.Throws<KeyStoreException>(() => Open());

        Assert.That(error.Message, Does.Contain("refused the PIN").And.Contain(_options.PinFile).And.Not.Contain(WrongPin).And.Not.Contain("\n"));
    }

    [Test]
    public void Open_MissingModule_NamesThePath()
    {
        _options.Module = _folder.File("libmissing.so");

        var error = Assert.Throws<KeyStoreException>(() => Open());

        Assert.That(error.Message, Does.Contain(_options.Module).And.Contain("does not exist").And.Contain("Keys:Pkcs11:Module"));
    }

    [Test]
    public void Open_ModuleThatIsNoLibrary_SaysItCouldNotBeLoaded()
    {
        _options.Module = _folder.File("not-a-library.so");
        File.WriteAllText(_options.Module, "text");

        var error = Assert.Throws<KeyStoreException>(() => Open());

        Assert.That(error.Message, Does.Contain("could not be loaded as a PKCS#11 module").And.Not.Contain("\n"));
    }

    [Test]
    public void Open_MissingToken_NamesTheLabelAndTheTokensThere()
    {
        var present = _options.TokenLabel;
        _options.TokenLabel = "no-such-token";

        var error = Assert.Throws<KeyStoreException>(() => Open());

        Assert.That(error.Message, Does.Contain("No token labelled \"no-such-token\"").And.Contain($"\"{present}\""));
    }

    [Test]
    public void Open_MissingPinFile_SaysSo()
    {
        _options.PinFile = _folder.File("missing.pin");

        var error = Assert.Throws<KeyStoreException>(() => Open());

        Assert.That(error.Message, Does.Contain(_options.PinFile).And.Contain("does not exist"));
    }

    [Test]
    public void Open_PinFileReadableByOthers_IsRefusedWithoutReadingIt()
    {
        var pinFile = WritePinFile(File.ReadAllText(_options.PinFile));
        File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        _options.PinFile = pinFile;

        var error = Assert.Throws<KeyStoreException>(() => Open());

        Assert.That(error.Message, Does.Contain("chmod 600").And.Contain("treat the PIN as disclosed"));
    }

    [Test]
    public void Open_PinFileWithTrailingLineBreak_LogsIn()
    {
        _options.PinFile = WritePinFile(File.ReadAllText(_options.PinFile).TrimEnd() + "\n");

        Assert.That(Open().KeyIds, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Open_SetupWithoutModuleOrToken_SaysWhichSettingIsMissing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Open(new Pkcs11KeyStoreOptions { TokenLabel = "t", PinFile = "p" }, StudyKeyFile),
                Throws.TypeOf<KeyStoreException>().With.Message.Contains("Keys:Pkcs11:Module is not set"));
            Assert.That(() => Open(new Pkcs11KeyStoreOptions { Module = _options.Module, PinFile = "p" }, StudyKeyFile),
                Throws.TypeOf<KeyStoreException>().With.Message.Contains("Keys:Pkcs11:TokenLabel is not set"));
        });
    }

    private string WritePinFile(string pin)
    {
        var path = _folder.File(Guid.NewGuid().ToString("N") + ".pin");
        KnownKeyRing.WriteOwnerOnly(path, pin);
        return path;
    }
}
