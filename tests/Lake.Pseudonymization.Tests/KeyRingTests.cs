using System.Runtime.Versioning;
using System.Text.Json;

namespace Lake.Pseudonymization.Tests;

[UnsupportedOSPlatform("windows")]
[Platform(Exclude = "Win", Reason = "Unix file modes")]
public sealed partial class KeyRingTests
{
    private static readonly LakeIdentity Person = LakeIdentity.FromBytes([.. Enumerable.Range(100, 16).Select(i => (byte)i)]);

    private TemporaryFolder _folder = null!;
    private string _path = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = new TemporaryFolder();
        _path = _folder.File("keyring.json");
    }

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void OpenOrCreate_MissingFile_CreatesOwnerOnlyFile()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);

        Assert.That(ring.Path, Is.EqualTo(_path));
        Assert.That(File.GetUnixFileMode(_path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void OpenOrCreate_MissingFolder_CreatesOwnerOnlyFolder()
    {
        var folder = _folder.File("config");

        KeyRing.OpenOrCreate(Path.Combine(folder, "lake", "keyring.json"), TimeProvider.System);

        Assert.That(File.GetUnixFileMode(Path.Combine(folder, "lake")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public void OpenOrCreate_NewRing_HasOneKeyGenerationInTheDocumentedFormat()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);

        Assert.That(ring.CurrentKeyId, Is.EqualTo(1));
        Assert.That(ring.KeyIds, Is.EqualTo(new[] { 1 }));
        using var json = JsonDocument.Parse(File.ReadAllBytes(_path));
        var root = json.RootElement;
        Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("identityKey").GetBytesFromBase64(), Has.Length.EqualTo(32));
        Assert.That(root.GetProperty("registerKeys")[0].GetProperty("id").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("registerKeys")[0].GetProperty("secret").GetBytesFromBase64(), Has.Length.EqualTo(32));
        Assert.That(root.GetProperty("registerKeys")[0].GetProperty("created").TryGetDateTimeOffset(out _), Is.True);
        Assert.That(root.GetProperty("currentKeyId").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("studyKeys").EnumerateObject(), Is.Empty);
    }

    [Test]
    public void OpenOrCreate_TwoNewRings_HaveDifferentKeys()
    {
        var first = new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System));
        var second = new Pseudonymizer(KeyRing.OpenOrCreate(_folder.File("other.json"), TimeProvider.System));
        var hetu = Hetu.Parse("131052-308T");

        Assert.That(first.IdentityOf(hetu), Is.Not.EqualTo(second.IdentityOf(hetu)));
    }

    [TestCase(UnixFileMode.GroupRead, "0640")]
    [TestCase(UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [TestCase(UnixFileMode.OtherWrite, "0602")]
    public void OpenOrCreate_FileAccessibleToOthers_RefusesWithChmodAdvice(UnixFileMode extra, string shown)
    {
        KeyRing.OpenOrCreate(_path, TimeProvider.System);
        File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        Assert.That(
            () => KeyRing.OpenOrCreate(_path, TimeProvider.System),
            Throws.InstanceOf<UnauthorizedAccessException>()
                .With.Message.Contains($"has mode {shown}")
                .And.Message.Contains($"chmod 600 {_path}"));
    }

    [Test]
    public void OpenOrCreate_ExistingFile_ReproducesPseudonyms()
    {
        var hetu = Hetu.Parse("131052-308T");
        var before = new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System));
        var identity = before.IdentityOf(hetu);
        var registerPseudonym = before.RegisterPseudonym("diagnoses", identity);
        var studyPseudonym = before.StudyPseudonym("study-1", identity);

        var after = new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System));

        Assert.That(after.IdentityOf(hetu), Is.EqualTo(identity));
        Assert.That(after.RegisterPseudonym("diagnoses", identity), Is.EqualTo(registerPseudonym));
        Assert.That(after.StudyPseudonym("study-1", identity), Is.EqualTo(studyPseudonym));
    }

    [Test]
    public void OpenOrCreate_ManyRacingCreators_AllGetTheSameRing()
    {
        var hetu = Hetu.Parse("131052-308T");

        var identities = Enumerable.Range(0, 8)
            .AsParallel()
            .WithDegreeOfParallelism(8)
            .Select(_ => new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System)).IdentityOf(hetu))
            .ToList();

        Assert.That(identities.Distinct().Count(), Is.EqualTo(1));
        Assert.That(new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System)).IdentityOf(hetu), Is.EqualTo(identities[0]));
    }

    [Test]
    public void Rotate_AfterCreation_LeavesNoTemporaryFiles()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);

        ring.Rotate();

        // The lock file stays on purpose: deleting it would let two processes lock different files.
        Assert.That(Directory.GetFiles(_folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keyring.json", "keyring.json.lock" }));
        Assert.That(File.GetUnixFileMode(_path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [TestCase("not json at all")]
    [TestCase("{\"version\":2}")]
    [TestCase("{\"version\":1,\"identityKey\":\"c2hvcnQ=\"}")]
    public void OpenOrCreate_DamagedFile_ThrowsWithoutRecreating(string content)
    {
        KnownKeyRing.WriteOwnerOnly(_path, content);

        Assert.That(
            () => KeyRing.OpenOrCreate(_path, TimeProvider.System),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains(_path).And.Message.Contains("Restore it from backup"));
        Assert.That(File.ReadAllText(_path), Is.EqualTo(content));
    }

    [Test]
    public void Rotate_OnNewRing_AddsCurrentKeyAndKeepsOldOneReadable()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var pseudonymizer = new Pseudonymizer(ring);
        var old = pseudonymizer.RegisterPseudonym("diagnoses", Person);

        var keyId = ring.Rotate();

        Assert.That(keyId, Is.EqualTo(2));
        Assert.That(ring.CurrentKeyId, Is.EqualTo(2));
        Assert.That(ring.KeyIds, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(pseudonymizer.RegisterPseudonym("diagnoses", Person), Is.Not.EqualTo(old));
        Assert.That(pseudonymizer.RevealIdentity("diagnoses", 1, old), Is.EqualTo(Person));
    }

    [Test]
    public void Rotate_ThenReopen_OldGenerationStillReadable()
    {
        var old = new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System)).RegisterPseudonym("diagnoses", Person, 1);
        KeyRing.OpenOrCreate(_path, TimeProvider.System).Rotate();

        var reopened = KeyRing.OpenOrCreate(_path, TimeProvider.System);

        Assert.That(reopened.CurrentKeyId, Is.EqualTo(2));
        Assert.That(new Pseudonymizer(reopened).RevealIdentity("diagnoses", 1, old), Is.EqualTo(Person));
    }

    // Each change re-reads the file under the lock, so one process never drops another's keys.
    [Test]
    public void Rotate_FromTwoOpenRings_KeepsBothGenerations()
    {
        var first = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var second = KeyRing.OpenOrCreate(_path, TimeProvider.System);

        Assert.That(first.Rotate(), Is.EqualTo(2));
        Assert.That(second.Rotate(), Is.EqualTo(3));

        Assert.That(KeyRing.OpenOrCreate(_path, TimeProvider.System).KeyIds, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    // Stands in for several processes: each ring instance takes the file lock on its own.
    [Test]
    public void Rotate_ManyRingsConcurrently_LosesNoGeneration()
    {
        KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var rings = Enumerable.Range(0, 8).Select(_ => KeyRing.OpenOrCreate(_path, TimeProvider.System)).ToList();

        Parallel.ForEach(rings, new ParallelOptions { MaxDegreeOfParallelism = 8 }, ring =>
        {
            for (var i = 0; i < 5; i++)
                ring.Rotate();
        });

        Assert.That(KeyRing.OpenOrCreate(_path, TimeProvider.System).KeyIds, Is.EqualTo(Enumerable.Range(1, 41)));
    }

    [Test]
    public void RegisterPseudonym_KeyIdRotatedInByAnotherRing_IsFound()
    {
        var reader = new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System));
        var writer = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var keyId = writer.Rotate();

        var written = new Pseudonymizer(writer).RegisterPseudonym("diagnoses", Person, keyId);

        Assert.That(reader.RevealIdentity("diagnoses", keyId, written), Is.EqualTo(Person));
    }

    [Test]
    public void StudyPseudonym_FirstUse_SavesStudyKey()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        Assert.That(ring.HasStudyKey("study-1"), Is.False);

        new Pseudonymizer(ring).StudyPseudonym("study-1", Person);

        Assert.That(ring.HasStudyKey("study-1"), Is.True);
        Assert.That(KeyRing.OpenOrCreate(_path, TimeProvider.System).HasStudyKey("study-1"), Is.True);
    }

    [Test]
    public void StudyPseudonym_StudyKeyCreatedByAnotherOpenRing_IsReused()
    {
        var first = new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System));
        var second = new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System));

        var fromFirst = first.StudyPseudonym("study-1", Person);

        Assert.That(second.StudyPseudonym("study-1", Person), Is.EqualTo(fromFirst));
    }

    [Test]
    public void DeleteStudyKey_ThenStudyPseudonym_CannotBeRecomputed()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var pseudonymizer = new Pseudonymizer(ring);
        var before = pseudonymizer.StudyPseudonym("study-1", Person);

        ring.DeleteStudyKey("study-1");

        Assert.That(ring.HasStudyKey("study-1"), Is.False);
        Assert.That(KeyRing.OpenOrCreate(_path, TimeProvider.System).HasStudyKey("study-1"), Is.False);
        Assert.That(pseudonymizer.StudyPseudonym("study-1", Person), Is.Not.EqualTo(before));
        Assert.That(new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System)).StudyPseudonym("study-1", Person), Is.Not.EqualTo(before));
    }

    [Test]
    public void DeleteStudyKey_OtherStudies_AreKept()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var pseudonymizer = new Pseudonymizer(ring);
        var kept = pseudonymizer.StudyPseudonym("study-2", Person);
        pseudonymizer.StudyPseudonym("study-1", Person);

        ring.DeleteStudyKey("study-1");

        Assert.That(new Pseudonymizer(KeyRing.OpenOrCreate(_path, TimeProvider.System)).StudyPseudonym("study-2", Person), Is.EqualTo(kept));
    }

    [Test]
    public void DeleteStudyKey_UnknownStudy_DoesNothing()
    {
        var ring = KeyRing.OpenOrCreate(_path, TimeProvider.System);
        var before = File.ReadAllBytes(_path);

        ring.DeleteStudyKey("never-created");

        Assert.That(File.ReadAllBytes(_path), Is.EqualTo(before));
    }

    [Test]
    public void ToString_RingWithKeys_ContainsNoKeyMaterial()
    {
        var ring = KeyRing.OpenOrCreate(KnownKeyRing.Write(_path), TimeProvider.System);
        string[] secrets = [.. new[] { KnownKeyRing.IdentityKey, KnownKeyRing.RegisterKey1, KnownKeyRing.RegisterKey2, KnownKeyRing.StudyKey }
            .SelectMany(key => new[] { Convert.ToBase64String(key), Convert.ToHexString(key), Convert.ToHexStringLower(key) })];

        var text = ring.ToString();

        Assert.That(text, Does.Contain("redacted"));
        Assert.That(secrets, Has.None.Matches<string>(secret => text.Contains(secret, StringComparison.Ordinal)));
    }
}
