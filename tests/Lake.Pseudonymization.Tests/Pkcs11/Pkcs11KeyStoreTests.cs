using Lake.Pseudonymization.Pkcs11;
using Lake.Testing;
using Net.Pkcs11Interop.Common;

namespace Lake.Pseudonymization.Tests.Pkcs11;

/// <summary>
/// The PKCS#11 store against a real token (SoftHSM): keys made inside it and never readable,
/// pseudonyms deterministic for the token and different from the key ring's.
/// </summary>
[Category(TestCategories.Pkcs11)]
public sealed partial class Pkcs11KeyStoreTests
{
    private static readonly Hetu Alice = Hetu.Parse("131052-308T");
    private static readonly Hetu Bob = Hetu.Parse("010101A123N");

    private TemporaryFolder _folder = null!;
    private Pkcs11KeyStoreOptions _options = null!;
    private readonly List<Pkcs11KeyStore> _opened = [];

    [SetUp]
    public void CreateKeys()
    {
        _folder = new TemporaryFolder();
        _options = SoftHsmToken.FreshKeys();
    }

    [TearDown]
    public void CloseStores()
    {
        foreach (var store in _opened)
            store.Dispose();
        _opened.Clear();
        _folder.Dispose();
    }

    private string StudyKeyFile => _folder.File("study-keys.json");

    [Test]
    public void Open_FreshKeys_ProvisionsEveryKeyInsideTheTokenNeverToLeaveIt()
    {
        var store = Open();

        var keys = store.Token.Run(session => Pkcs11KeyTemplates.FindLakeKeys(session, store.Labels, store.TokenLabel));
        Assert.That(keys.Keys, Is.EquivalentTo(new[] { store.Labels.Identity, store.Labels.Register(1), store.Labels.StudyKeyWrapping, store.Labels.SecretBox }));
        foreach (var (label, handle) in keys)
        {
            var attributes = store.Token.Run(session => session.GetAttributeValue(handle, [CKA.CKA_TOKEN, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_VALUE]));
            Assert.Multiple(() =>
            {
                Assert.That(attributes[0].GetValueAsBool(), Is.True, $"{label} is a token object");
                Assert.That(attributes[1].GetValueAsBool(), Is.True, $"{label} is sensitive");
                Assert.That(attributes[2].GetValueAsBool(), Is.False, $"{label} is not extractable");
                Assert.That(attributes[3].CannotBeRead, Is.True, $"{label}'s value cannot be read");
            });
        }
    }

    [Test]
    public void Open_FreshKeys_StartsAtRegisterKeyOneWithNoStudies()
    {
        var store = Open();

        Assert.Multiple(() =>
        {
            Assert.That(store.CurrentKeyId, Is.EqualTo(1));
            Assert.That(store.KeyIds, Is.EqualTo(new[] { 1 }));
            Assert.That(store.StudyIds, Is.Empty);
            Assert.That(store.ToString(), Does.Contain(store.TokenLabel).And.Contain("keys inside the token"));
        });
    }

    [Test]
    public void Pseudonyms_SameTokenReopened_AreTheSame()
    {
        var first = new Pseudonymizer(Open());
        var identity = first.IdentityOf(Alice);
        var registerPseudonym = first.RegisterPseudonym("diagnosis", identity);
        var studyPseudonym = first.StudyPseudonym("study-1", identity);
        CloseAll();

        var again = new Pseudonymizer(Open());

        Assert.Multiple(() =>
        {
            Assert.That(again.IdentityOf(Alice), Is.EqualTo(identity));
            Assert.That(again.RegisterPseudonym("diagnosis", identity), Is.EqualTo(registerPseudonym));
            Assert.That(again.StudyPseudonym("study-1", identity), Is.EqualTo(studyPseudonym));
        });
    }

    [Test]
    public void Pseudonyms_TokenAndKeyRing_Differ()
    {
        // Expected: the token's keys are not the key ring's, so nothing computed under one matches the other.
        var token = new Pseudonymizer(Open());
        var ring = new Pseudonymizer(KeyRing.OpenOrCreate(_folder.File("keyring.json"), TimeProvider.System));

        Assert.Multiple(() =>
        {
            Assert.That(token.IdentityOf(Alice), Is.Not.EqualTo(ring.IdentityOf(Alice)));
            Assert.That(token.RegisterPseudonym("diagnosis", token.IdentityOf(Alice)), Is.Not.EqualTo(ring.RegisterPseudonym("diagnosis", token.IdentityOf(Alice))));
        });
    }

    [Test]
    public void Pseudonyms_OtherKeysOnTheSameToken_Differ()
    {
        var mine = new Pseudonymizer(Open());
        var others = new Pseudonymizer(Open(SoftHsmToken.FreshKeys(), _folder.File("other-study-keys.json")));

        Assert.That(others.IdentityOf(Alice), Is.Not.EqualTo(mine.IdentityOf(Alice)));
    }

    [Test]
    public void IdentityOf_TwoPeople_Differ()
    {
        var pseudonymizer = new Pseudonymizer(Open());

        Assert.That(pseudonymizer.IdentityOf(Alice), Is.Not.EqualTo(pseudonymizer.IdentityOf(Bob)));
    }

    [Test]
    public void RegisterPseudonym_RevealIdentity_GivesTheIdentityBack()
    {
        var pseudonymizer = new Pseudonymizer(Open());
        var identity = pseudonymizer.IdentityOf(Bob);

        var pseudonym = pseudonymizer.RegisterPseudonym("laboratory", identity);

        Assert.Multiple(() =>
        {
            Assert.That(pseudonymizer.RevealIdentity("laboratory", 1, pseudonym), Is.EqualTo(identity));
            Assert.That(pseudonymizer.RegisterPseudonym("diagnosis", identity), Is.Not.EqualTo(pseudonym), "registers cannot be joined by equality");
        });
    }

    [Test]
    public void SealIdentityCode_OpenIdentityCode_GivesTheCodeBack()
    {
        var pseudonymizer = new Pseudonymizer(Open());

        var sealedCode = pseudonymizer.SealIdentityCode(Alice, 1);

        Assert.That(pseudonymizer.OpenIdentityCode(sealedCode, 1), Is.EqualTo(Alice));
    }

    [Test]
    public void Rotate_NewGenerationInsideTheToken_OldStaysReadableAfterReopening()
    {
        var store = Open();
        var pseudonymizer = new Pseudonymizer(store);
        var identity = pseudonymizer.IdentityOf(Alice);
        var old = pseudonymizer.RegisterPseudonym("diagnosis", identity, 1);

        var keyId = store.Rotate();
        var rotated = pseudonymizer.RegisterPseudonym("diagnosis", identity);
        CloseAll();
        var reopened = Open();

        Assert.Multiple(() =>
        {
            Assert.That(keyId, Is.EqualTo(2));
            Assert.That(rotated, Is.Not.EqualTo(old));
            Assert.That(reopened.KeyIds, Is.EqualTo(new[] { 1, 2 }));
            Assert.That(reopened.CurrentKeyId, Is.EqualTo(2));
            Assert.That(new Pseudonymizer(reopened).RevealIdentity("diagnosis", 1, old), Is.EqualTo(identity));
        });
    }

    [Test]
    public void RegisterPseudonym_KeyIdNotOnTheToken_NamesTheTokenAndTheIds()
    {
        var pseudonymizer = new Pseudonymizer(Open());

        var error = Assert.Throws<KeyNotFoundException>(() => pseudonymizer.RegisterPseudonym("diagnosis", pseudonymizer.IdentityOf(Alice), 7));

        Assert.That(error.Message, Does.Contain("7").And.Contain(_options.TokenLabel).And.Contain("it has 1"));
    }

    [Test]
    public void RegisterPseudonym_RotatedByAnotherStore_IsFoundWithoutReopening()
    {
        var reader = Open();
        var writer = Open();
        var identity = new Pseudonymizer(writer).IdentityOf(Alice);
        writer.Rotate();
        var written = new Pseudonymizer(writer).RegisterPseudonym("diagnosis", identity, 2);

        Assert.That(new Pseudonymizer(reader).RevealIdentity("diagnosis", 2, written), Is.EqualTo(identity));
    }

    [Test]
    public void SecretBox_SealedUnderTheToken_OpensForTheSameOwnerOnly()
    {
        var box = new SecretBox(Open());

        var sealedValue = box.Seal("totp", "alice", [1, 2, 3, 4]);

        Assert.Multiple(() =>
        {
            Assert.That(box.Open("totp", "alice", sealedValue), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
            Assert.That(box.Open("totp", "bob", sealedValue), Is.Null);
            Assert.That(box.Open("other purpose", "alice", sealedValue), Is.Null);
            Assert.That(new SecretBox(Open(SoftHsmToken.FreshKeys(), _folder.File("other.json"))).Open("totp", "alice", sealedValue), Is.Null, "another token's keys");
        });
    }

    [Test]
    public void Open_WithoutRegisterKeys_DoesIdentityAndSealingButRefusesRegisterKeys()
    {
        Open().Dispose();
        _options.RegisterKeys = false;

        var coordinator = Open();
        var pseudonymizer = new Pseudonymizer(coordinator);

        Assert.Multiple(() =>
        {
            Assert.That(coordinator.KeyIds, Is.Empty);
            Assert.That(coordinator.HoldsRegisterKeys, Is.False, "what makes a coordinator leave preliminary studies to workers");
            Assert.That(() => coordinator.CurrentKeyId, Throws.TypeOf<KeyStoreException>().With.Message.Contains("Keys:Pkcs11:RegisterKeys=false"));
            Assert.That(() => pseudonymizer.RegisterPseudonym("diagnosis", pseudonymizer.IdentityOf(Alice), 1), Throws.TypeOf<KeyStoreException>());
            Assert.That(() => coordinator.Rotate(), Throws.TypeOf<KeyStoreException>());
            Assert.That(new SecretBox(coordinator).Open("totp", "alice", new SecretBox(coordinator).Seal("totp", "alice", [9])), Is.EqualTo(new byte[] { 9 }));
        });
    }

    [Test]
    public void Open_WithoutRegisterKeysOnAnEmptyToken_RefusesToProvisionIt()
    {
        _options.RegisterKeys = false;

        var error = Assert.Throws<KeyStoreException>(() => Open());

        Assert.That(error.Message, Does.Contain("holds no lake keys").And.Contain("Keys:Pkcs11:RegisterKeys=false"));
    }

    private Pkcs11KeyStore Open() => Open(_options, StudyKeyFile);

    private Pkcs11KeyStore Open(Pkcs11KeyStoreOptions options, string studyKeyFile)
    {
        var store = Pkcs11KeyStore.Open(options, studyKeyFile, TimeProvider.System);
        _opened.Add(store);
        return store;
    }

    private void CloseAll()
    {
        foreach (var store in _opened)
            store.Dispose();
        _opened.Clear();
    }
}
