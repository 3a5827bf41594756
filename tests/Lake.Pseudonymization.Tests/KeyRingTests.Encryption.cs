using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lake.Pseudonymization.Tests;

// The key ring encrypted at rest: the same keys, the file sealed under a passphrase, every write
// under a fresh nonce, and every refusal a line that names files, never a secret.
public sealed partial class KeyRingTests
{
    private const string PassphraseText = "tulppaani-kuusi-ankka-13-vuoristorata";
    private const string OtherPassphraseText = "a-different-passphrase-of-this-ring";

    private static readonly string[] Secrets =
    [
        PassphraseText, OtherPassphraseText,
        .. new[] { KnownKeyRing.IdentityKey, KnownKeyRing.RegisterKey1, KnownKeyRing.RegisterKey2, KnownKeyRing.StudyKey }
            .SelectMany(key => new[] { Convert.ToBase64String(key), Convert.ToHexString(key), Convert.ToHexStringLower(key) }),
    ];

    [Test]
    public void EncryptAtRest_KnownKeys_ReproducesEveryPseudonymByteForByte()
    {
        var hetu = Hetu.Parse("131052-308T");
        var clear = new Pseudonymizer(KeyRing.OpenOrCreate(KnownKeyRing.Write(_folder.File("clear.json")), TimeProvider.System));
        var sealedCode = clear.SealIdentityCode(hetu, 1);
        KnownKeyRing.Write(_path);
        KeyRing.OpenOrCreate(_path, TimeProvider.System).EncryptAtRest(Passphrase());

        var encrypted = new Pseudonymizer(KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System));

        var identity = clear.IdentityOf(hetu);
        Assert.Multiple(() =>
        {
            Assert.That(encrypted.IdentityOf(hetu), Is.EqualTo(identity));
            Assert.That(encrypted.RegisterPseudonym("diagnoses", identity, 1), Is.EqualTo(clear.RegisterPseudonym("diagnoses", identity, 1)));
            Assert.That(encrypted.RegisterPseudonym("diagnoses", identity, 2), Is.EqualTo(clear.RegisterPseudonym("diagnoses", identity, 2)));
            Assert.That(encrypted.StudyPseudonym(KnownKeyRing.StudyId, identity), Is.EqualTo(clear.StudyPseudonym(KnownKeyRing.StudyId, identity)));
            Assert.That(encrypted.OpenIdentityCode(sealedCode, 1), Is.EqualTo(hetu));
        });
    }

    [Test]
    public void EncryptAtRest_ClearRing_WritesAnOwnerOnlyEnvelopeWithoutKeyMaterial()
    {
        KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System).EncryptAtRest(Passphrase());

        var text = File.ReadAllText(_path);
        using var envelope = JsonDocument.Parse(text);
        var root = envelope.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(_path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("lake-keyring-encrypted"));
            Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("kdf").GetString(), Is.EqualTo("PBKDF2-HMAC-SHA256"));
            Assert.That(root.GetProperty("iterations").GetInt32(), Is.EqualTo(1_000_000));
            Assert.That(root.GetProperty("salt").GetBytesFromBase64(), Has.Length.EqualTo(32));
            Assert.That(root.GetProperty("cipher").GetString(), Is.EqualTo("AES-256-GCM"));
            Assert.That(root.GetProperty("nonce").GetBytesFromBase64(), Has.Length.EqualTo(12));
            Assert.That(root.GetProperty("tag").GetBytesFromBase64(), Has.Length.EqualTo(16));
            Assert.That(root.TryGetProperty("identityKey", out _), Is.False);
            Assert.That(Secrets, Has.None.Matches<string>(secret => text.Contains(secret, StringComparison.Ordinal)));
            Assert.That(Directory.GetFiles(_folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keyring.json", "keyring.json.lock", "passphrase" }));
        });
    }

    [Test]
    public void DecryptAtRest_EncryptedRing_WritesTheSameClearFile()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var clear = File.ReadAllBytes(_path);
        ring.EncryptAtRest(Passphrase());

        KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System).DecryptAtRest();

        Assert.That(File.ReadAllBytes(_path), Is.EqualTo(clear));
        Assert.That(File.GetUnixFileMode(_path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(KeyRing.OpenOrCreate(_path, TimeProvider.System).IsEncrypted, Is.False);
    }

    [Test]
    public void OpenOrCreate_MissingFileWithPassphrase_CreatesItEncrypted()
    {
        var ring = KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);

        Assert.That(ring.IsEncrypted, Is.True);
        Assert.That(ring.AtRest, Does.Contain("AES-256-GCM").And.Contain("1000000 iterations").And.Not.Contain(PassphraseText));
        Assert.That(Envelope().TryGetPropertyValue("ciphertext", out _), Is.True);
        Assert.That(File.GetUnixFileMode(_path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void OpenOrCreate_ClearRingWithPassphraseConfigured_StaysInClear()
    {
        KeyRing.OpenOrCreate(_path, TimeProvider.System);

        var ring = KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);
        ring.Rotate();

        Assert.That(ring.IsEncrypted, Is.False);
        Assert.That(Envelope().ContainsKey("identityKey"), Is.True);
    }

    [Test]
    public void OpenOrCreate_EncryptedWithoutPassphrase_SaysWhatToSet()
    {
        KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);

        var error = Assert.Throws<KeyStoreException>(() => KeyRing.OpenOrCreate(_path, TimeProvider.System));

        Assert.That(error.Message, Does.Contain(_path).And.Contain("is encrypted").And.Contain("LAKE_KEY_PASSPHRASE_FILE").And.Contain("Keys:PassphraseFile"));
        AssertNamesNoSecret(error.Message);
    }

    [Test]
    public void OpenOrCreate_WrongPassphrase_RefusedNamingBothFiles()
    {
        KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);
        var before = File.ReadAllBytes(_path);

        var error = Assert.Throws<KeyStoreException>(() => KeyRing.OpenOrCreate(_path, Passphrase(OtherPassphraseText), TimeProvider.System));

        Assert.That(error.Message, Does.Contain(_path).And.Contain(_folder.File("passphrase")).And.Contain("the passphrase is wrong, or the file was changed"));
        AssertNamesNoSecret(error.Message);
        Assert.That(File.ReadAllBytes(_path), Is.EqualTo(before), "a refused ring is never rewritten");
    }

    // Each field is either an input to the key (salt, iterations) or checked by the tag.
    [TestCase("salt")]
    [TestCase("nonce")]
    [TestCase("tag")]
    [TestCase("ciphertext")]
    public void OpenOrCreate_FieldTamperedWith_Refused(string field)
    {
        KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System).EncryptAtRest(Passphrase());
        var envelope = Envelope();
        var bytes = Convert.FromBase64String(envelope[field]!.GetValue<string>());
        bytes[^1] ^= 0x01;
        envelope[field] = Convert.ToBase64String(bytes);
        KnownKeyRing.WriteOwnerOnly(_path, envelope.ToJsonString());

        var error = Assert.Throws<KeyStoreException>(() => KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System));

        Assert.That(error.Message, Does.Contain(_path).And.Contain("the file was changed").And.Contain("restore the key ring from backup"));
        AssertNamesNoSecret(error.Message);
    }

    [Test]
    public void OpenOrCreate_IterationsChangedWithinRange_Refused()
    {
        KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System).EncryptAtRest(Passphrase());
        var envelope = Envelope();
        envelope["iterations"] = 1_000_001;
        KnownKeyRing.WriteOwnerOnly(_path, envelope.ToJsonString());

        var error = Assert.Throws<KeyStoreException>(() => KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System));

        Assert.That(error.Message, Does.Contain("the file was changed"));
        AssertNamesNoSecret(error.Message);
    }

    // Out of range is refused before any key is derived: a billion iterations would hold the process for minutes.
    [TestCase("iterations", "1", "iterations must be from 600000 to 20000000")]
    [TestCase("iterations", "1000000000", "iterations must be from 600000 to 20000000")]
    [TestCase("kdf", "\"PBKDF2-HMAC-SHA1\"", "kdf is not PBKDF2-HMAC-SHA256")]
    [TestCase("cipher", "\"AES-128-CBC\"", "cipher is not AES-256-GCM")]
    [TestCase("version", "2", "encrypted format version 2")]
    [TestCase("format", "\"another-format\"", "its format is not lake-keyring-encrypted")]
    [TestCase("salt", "\"c2hvcnQ=\"", "salt must be 32 bytes in base64")]
    public void OpenOrCreate_EnvelopeNotReadable_RefusedWithoutRecreating(string field, string json, string reason)
    {
        KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);
        var envelope = Envelope();
        envelope[field] = JsonNode.Parse(json);
        KnownKeyRing.WriteOwnerOnly(_path, envelope.ToJsonString());
        var before = File.ReadAllBytes(_path);

        var error = Assert.Throws<InvalidDataException>(() => KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System));

        Assert.That(error.Message, Does.Contain(_path).And.Contain(reason).And.Contain("Restore it from backup"));
        AssertNamesNoSecret(error.Message);
        Assert.That(File.ReadAllBytes(_path), Is.EqualTo(before));
    }

    [Test]
    public void Writes_EncryptedRing_StayEncryptedEachUnderAFreshNonce()
    {
        var ring = KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);
        var pseudonymizer = new Pseudonymizer(ring);
        var envelopes = new List<JsonObject> { Envelope() };

        ring.Rotate();
        envelopes.Add(Envelope());
        var study = pseudonymizer.StudyPseudonym("study-1", Person);
        envelopes.Add(Envelope());
        ring.DeleteStudyKey("study-1");
        envelopes.Add(Envelope());

        var nonces = envelopes.Select(e => e["nonce"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(nonces, Is.Unique);
            Assert.That(envelopes.Select(e => e["salt"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(1), "the salt, and so the derived key, stays");
            Assert.That(envelopes, Has.All.Matches<JsonObject>(e => e.ContainsKey("ciphertext") && !e.ContainsKey("identityKey")));
            Assert.That(File.GetUnixFileMode(_path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(Directory.GetFiles(_folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keyring.json", "keyring.json.lock", "passphrase" }));
        });
        var reopened = KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);
        Assert.That(reopened.KeyIds, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(reopened.HasStudyKey("study-1"), Is.False);
        Assert.That(study, Is.Not.EqualTo(new Pseudonymizer(reopened).StudyPseudonym("study-1", Person)));
    }

    // Each change re-reads the file, and writes it in the form it found.
    [Test]
    public void Rotate_RingEncryptedByAnotherInstance_KeepsItEncrypted()
    {
        KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var running = KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);
        KeyRing.OpenOrCreate(_path, TimeProvider.System).EncryptAtRest(Passphrase());

        running.Rotate();

        Assert.That(running.IsEncrypted, Is.True);
        Assert.That(Envelope().ContainsKey("ciphertext"), Is.True);
        Assert.That(KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System).KeyIds, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Rotate_RingEncryptedByAnotherInstanceWithoutPassphraseHere_RefusedAndLeftAlone()
    {
        var running = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        KeyRing.OpenOrCreate(_path, TimeProvider.System).EncryptAtRest(Passphrase());
        var before = File.ReadAllBytes(_path);

        var error = Assert.Throws<KeyStoreException>(() => running.Rotate());

        Assert.That(error.Message, Does.Contain("is encrypted"));
        Assert.That(File.ReadAllBytes(_path), Is.EqualTo(before));
    }

    [Test]
    public void EncryptAtRest_NewPassphrase_OnlyTheNewOneOpens()
    {
        KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System).EncryptAtRest(Passphrase());
        var salt = Envelope()["salt"]!.GetValue<string>();

        KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System).EncryptAtRest(Passphrase(OtherPassphraseText, "new-passphrase"));

        Assert.That(Envelope()["salt"]!.GetValue<string>(), Is.Not.EqualTo(salt));
        Assert.That(KeyRing.OpenOrCreate(_path, Passphrase(OtherPassphraseText, "new-passphrase"), TimeProvider.System).KeyIds, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(() => KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System), Throws.TypeOf<KeyStoreException>());
    }

    [Test]
    public void EncryptAtRest_ShortPassphrase_RefusedAndFileLeftInClear()
    {
        var ring = KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System);
        var before = File.ReadAllBytes(_path);

        var error = Assert.Throws<KeyStoreException>(() => ring.EncryptAtRest(Passphrase("too-short")));

        Assert.That(error.Message, Does.Contain("shorter than 16 bytes").And.Contain(_folder.File("passphrase")).And.Not.Contain("too-short\""));
        Assert.That(File.ReadAllBytes(_path), Is.EqualTo(before));
    }

    // Editors and `echo` end the file with a line break; it is no part of the passphrase.
    [Test]
    public void OpenOrCreate_PassphraseFileWithTrailingLineBreak_OpensTheRing()
    {
        KeyRing.OpenOrCreate(_path, Passphrase(), TimeProvider.System);

        var ring = KeyRing.OpenOrCreate(_path, Passphrase(PassphraseText + "\r\n"), TimeProvider.System);

        Assert.That(ring.IsEncrypted, Is.True);
    }

    private KeyRingPassphrase Passphrase(string text = PassphraseText, string name = "passphrase")
    {
        var file = _folder.File(name);
        KnownKeyRing.WriteOwnerOnly(file, text);
        return KeyRingPassphrase.FromFile(file, "the test");
    }

    private JsonObject Envelope() => JsonNode.Parse(File.ReadAllText(_path))!.AsObject();

    private static void AssertNamesNoSecret(string message)
    {
        Assert.That(message, Does.Not.Contain('\n'));
        Assert.That(Secrets, Has.None.Matches<string>(secret => message.Contains(secret, StringComparison.Ordinal)));
    }
}
