using Lake.Pseudonymization.Pkcs11;
using Lake.Testing;

namespace Lake.Pseudonymization.Tests;

/// <summary>The store the configuration names, and production's refusal of keys in clear beside a token.</summary>
public sealed class KeyStoresTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TemporaryFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private string KeyRingPath => _folder.File("keyring.json");

    [Test]
    public void Open_FileStore_IsTheKeyRingAtTheLocation()
    {
        var keys = KeyStores.Open(new KeyStoreOptions(), KeyRingPath, production: true, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.TypeOf<KeyRing>());
            Assert.That(keys.Path, Is.EqualTo(KeyRingPath));
            Assert.That(File.Exists(KeyRingPath), Is.True);
        });
    }

    [Test]
    public void Open_FileStoreWithPassphraseFile_CreatesAndReopensTheRingEncrypted()
    {
        var passphraseFile = _folder.File("passphrase");
        KnownKeyRing.WriteOwnerOnly(passphraseFile, "a passphrase long enough for a key ring");
        var options = new KeyStoreOptions { PassphraseFile = passphraseFile };

        var created = (KeyRing)KeyStores.Open(options, KeyRingPath, production: true, TimeProvider.System);
        var reopened = (KeyRing)KeyStores.Open(options, KeyRingPath, production: true, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(created.IsEncrypted, Is.True);
            Assert.That(reopened.IsEncrypted, Is.True);
            Assert.That(() => KeyStores.Open(new KeyStoreOptions(), KeyRingPath, production: true, TimeProvider.System),
                Throws.TypeOf<KeyStoreException>().With.Message.Contains("is encrypted"));
        });
    }

    [Test]
    [Category(TestCategories.Pkcs11)]
    public void Open_TokenInProductionBesideAKeyRingInClear_RefusesToStart()
    {
        KeyRing.OpenOrCreate(KeyRingPath, TimeProvider.System);

        var error = Assert.Throws<KeyStoreException>(() => KeyStores.Open(Pkcs11(), KeyRingPath, production: true, TimeProvider.System));

        Assert.That(error.Message, Does.Contain("keys in clear is at " + KeyRingPath).And.Contain("refuses to start"));
    }

    [Test]
    [Category(TestCategories.Pkcs11)]
    public void Open_TokenOutsideProductionBesideAKeyRing_OpensTheToken()
    {
        KeyRing.OpenOrCreate(KeyRingPath, TimeProvider.System);

        using var keys = (Pkcs11KeyStore)KeyStores.Open(Pkcs11(), KeyRingPath, production: false, TimeProvider.System);

        Assert.That(keys.KeyIds, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    [Category(TestCategories.Pkcs11)]
    public void Open_TokenWithoutAStudyKeyFile_KeepsItBesideTheKeyRingLocationAndMakesNoKeyRing()
    {
        using var keys = (Pkcs11KeyStore)KeyStores.Open(Pkcs11(), KeyRingPath, production: true, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(keys.Path, Is.EqualTo(_folder.File(KeyStores.StudyKeyFileName)));
            Assert.That(File.Exists(KeyRingPath), Is.False, "no keys in clear");
        });
    }

    private static KeyStoreOptions Pkcs11() => new() { Store = KeyStoreKind.Pkcs11, Pkcs11 = SoftHsmToken.FreshKeys() };
}
