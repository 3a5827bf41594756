using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace Lake.Pseudonymization.Tests;

[UnsupportedOSPlatform("windows")]
[Platform(Exclude = "Win", Reason = "Unix file modes")]
public sealed partial class PseudonymizerTests
{
    private const int ManyPersons = 200_000;

    private static readonly Lazy<IReadOnlyList<Hetu>> ManyDistinctHetus = new(GenerateDistinctHetus);

    private TemporaryFolder _folder = null!;
    private KeyRing _keyRing = null!;
    private Pseudonymizer _pseudonymizer = null!;

    [SetUp]
    public void CreateKeyRing()
    {
        _folder = new TemporaryFolder();
        _keyRing = KeyRing.OpenOrCreate(_folder.File("keyring.json"), TimeProvider.System);
        _pseudonymizer = new Pseudonymizer(_keyRing);
    }

    [TearDown]
    public void DeleteKeyRing() => _folder.Dispose();

    [Test]
    public void IdentityOf_SameHetu_IsDeterministic()
    {
        var first = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));

        var second = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));

        Assert.That(second, Is.EqualTo(first));
    }

    // Since 2023 the century sign tells persons apart: the same digits are two people.
    [Test]
    public void IdentityOf_SameDigitsDifferentCenturySign_Differs()
    {
        var classic = _pseudonymizer.IdentityOf(Hetu.Parse("100190-999P"));
        var newSign = _pseudonymizer.IdentityOf(Hetu.Parse("100190Y999P"));

        Assert.That(newSign, Is.Not.EqualTo(classic));
    }

    [Test]
    public void RevealIdentity_OfRegisterPseudonym_ReturnsIdentity()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));

        var pseudonym = _pseudonymizer.RegisterPseudonym("diagnoses", identity);

        Assert.That(_pseudonymizer.RevealIdentity("diagnoses", _keyRing.CurrentKeyId, pseudonym), Is.EqualTo(identity));
    }

    [Test]
    public void RegisterPseudonym_DifferentRegisters_Differ()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));

        Assert.That(_pseudonymizer.RegisterPseudonym("diagnoses", identity), Is.Not.EqualTo(_pseudonymizer.RegisterPseudonym("prescriptions", identity)));
    }

    [Test]
    public void RevealIdentity_WithAnotherRegistersName_DoesNotReturnIdentity()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));
        var pseudonym = _pseudonymizer.RegisterPseudonym("diagnoses", identity);

        Assert.That(_pseudonymizer.RevealIdentity("prescriptions", _keyRing.CurrentKeyId, pseudonym), Is.Not.EqualTo(identity));
    }

    [Test]
    public void RegisterPseudonym_DifferentKeyIds_Differ()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));
        var keyId = _keyRing.Rotate();

        Assert.That(_pseudonymizer.RegisterPseudonym("diagnoses", identity, 1), Is.Not.EqualTo(_pseudonymizer.RegisterPseudonym("diagnoses", identity, keyId)));
    }

    [Test]
    public void RegisterPseudonym_NoKeyId_UsesCurrentKeyId()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));
        var keyId = _keyRing.Rotate();

        Assert.That(_pseudonymizer.RegisterPseudonym("diagnoses", identity), Is.EqualTo(_pseudonymizer.RegisterPseudonym("diagnoses", identity, keyId)));
    }

    [Test]
    public void RegisterPseudonym_UnknownKeyId_ThrowsNamingIdAndRing()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));

        Assert.That(
            () => _pseudonymizer.RegisterPseudonym("diagnoses", identity, 7),
            Throws.InstanceOf<KeyNotFoundException>().With.Message.Contains("key id 7 is not in the key ring at " + _keyRing.Path));
    }

    [TestCase("")]
    [TestCase(" ")]
    public void RegisterPseudonym_BlankRegister_Throws(string register)
    {
        Assert.That(() => _pseudonymizer.RegisterPseudonym(register, default), Throws.ArgumentException);
    }

    [Test]
    public void StudyPseudonym_SameStudySamePerson_IsSame()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));
        var first = _pseudonymizer.StudyPseudonym("study-1", identity);

        var second = _pseudonymizer.StudyPseudonym("study-1", identity);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void StudyPseudonym_DifferentStudies_Differ()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));

        Assert.That(_pseudonymizer.StudyPseudonym("study-1", identity), Is.Not.EqualTo(_pseudonymizer.StudyPseudonym("study-2", identity)));
    }

    [Test]
    public void StudyPseudonym_DifferentPersons_Differ()
    {
        var first = _pseudonymizer.IdentityOf(Hetu.Parse("100190-999P"));
        var second = _pseudonymizer.IdentityOf(Hetu.Parse("100190Y999P"));

        Assert.That(_pseudonymizer.StudyPseudonym("study-1", first), Is.Not.EqualTo(_pseudonymizer.StudyPseudonym("study-1", second)));
    }

    [Test]
    public void IdentityOf_ManyDistinctPersons_NoCollisions()
    {
        var hetus = ManyDistinctHetus.Value;

        var identities = hetus.Select(_pseudonymizer.IdentityOf).ToHashSet();

        Assert.That(identities, Has.Count.EqualTo(hetus.Count));
    }

    [Test]
    public void RegisterPseudonym_ManyDistinctPersons_NoCollisionsAndAllReversible()
    {
        var identities = ManyDistinctHetus.Value.Select(_pseudonymizer.IdentityOf).ToList();

        var pseudonyms = identities.Select(identity => _pseudonymizer.RegisterPseudonym("diagnoses", identity)).ToList();

        Assert.That(pseudonyms.ToHashSet(), Has.Count.EqualTo(identities.Count));
        Assert.That(pseudonyms.Select(p => _pseudonymizer.RevealIdentity("diagnoses", 1, p)), Is.EqualTo(identities));
    }

    [Test]
    public void RegisterPseudonym_ManyThreads_MatchesSingleThread()
    {
        var identities = ManyDistinctHetus.Value.Take(20_000).Select(_pseudonymizer.IdentityOf).ToArray();
        var expected = identities.Select(identity => _pseudonymizer.RegisterPseudonym("diagnoses", identity)).ToArray();
        var actual = new Guid[identities.Length];
        var revealed = new LakeIdentity[identities.Length];

        Parallel.For(0, identities.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            actual[i] = _pseudonymizer.RegisterPseudonym("diagnoses", identities[i]);
            revealed[i] = _pseudonymizer.RevealIdentity("diagnoses", 1, actual[i]);
        });

        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(revealed, Is.EqualTo(identities));
    }

    // Recomputes every level from the published construction with the one-shot primitives, so a
    // change to labels, truncation, key derivation or byte order fails here.
    [Test]
    public void AllLevels_KnownKeys_MatchPublishedConstruction()
    {
        var pseudonymizer = new Pseudonymizer(KeyRing.OpenOrCreate(KnownKeyRing.Write(_folder.File("known.json")), TimeProvider.System));
        var hetu = Hetu.Parse("131052-308T");

        var identityBytes = HMACSHA256.HashData(KnownKeyRing.IdentityKey, Encoding.ASCII.GetBytes("lake identity v1|131052-308T"))[..16];
        var registerKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, KnownKeyRing.RegisterKey1, 32, salt: [], info: Encoding.UTF8.GetBytes("lake register pseudonym v1|diagnoses"));
        using var aes = Aes.Create();
        aes.Key = registerKey;
        var registerBytes = aes.EncryptEcb(identityBytes, PaddingMode.None);
        byte[] studyMessage = [.. Encoding.ASCII.GetBytes("lake study pseudonym v1|"), .. identityBytes];
        var studyBytes = HMACSHA256.HashData(KnownKeyRing.StudyKey, studyMessage)[..16];

        var identity = pseudonymizer.IdentityOf(hetu);
        var registerPseudonym = pseudonymizer.RegisterPseudonym("diagnoses", identity, 1);
        var studyPseudonym = pseudonymizer.StudyPseudonym(KnownKeyRing.StudyId, identity);

        Assert.That(identity, Is.EqualTo(LakeIdentity.FromBytes(identityBytes)));
        Assert.That(registerPseudonym.ToString("N"), Is.EqualTo(Convert.ToHexStringLower(registerBytes)));
        Assert.That(studyPseudonym.ToString("N"), Is.EqualTo(Convert.ToHexStringLower(studyBytes)));
        Assert.That(pseudonymizer.RevealIdentity("diagnoses", 1, new Guid(registerBytes, bigEndian: true)), Is.EqualTo(identity));
    }

    [Test]
    public void RegisterPseudonym_GuidBytes_FollowBigEndianContract()
    {
        var identity = _pseudonymizer.IdentityOf(Hetu.Parse("131052-308T"));
        var pseudonym = _pseudonymizer.RegisterPseudonym("diagnoses", identity);
        var bytes = new byte[16];

        Assert.That(pseudonym.TryWriteBytes(bytes, bigEndian: true, out _), Is.True);
        Assert.That(pseudonym.ToString("N"), Is.EqualTo(Convert.ToHexStringLower(bytes)));
        Assert.That(_pseudonymizer.RevealIdentity("diagnoses", 1, new Guid(bytes, bigEndian: true)), Is.EqualTo(identity));
    }

    /// <summary>Random dates across all three centuries and random individual numbers, each century sign used.</summary>
    private static List<Hetu> GenerateDistinctHetus()
    {
        const string Signs1900 = "-YXWVU";
        const string Signs2000 = "ABCDEF";
        var random = new Random(20231219);
        var first = new DateOnly(1800, 1, 1).DayNumber;
        var last = new DateOnly(2099, 12, 31).DayNumber;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hetus = new List<Hetu>(ManyPersons);
        while (hetus.Count < ManyPersons)
        {
            var birthDate = DateOnly.FromDayNumber(random.Next(first, last + 1));
            var sign = (birthDate.Year / 100) switch
            {
                18 => '+',
                19 => Signs1900[random.Next(Signs1900.Length)],
                _ => Signs2000[random.Next(Signs2000.Length)],
            };
            var hetu = Hetu.Create(birthDate, random.Next(2, 1000), sign);
            if (seen.Add(hetu.Value))
                hetus.Add(hetu);
        }

        return hetus;
    }
}
