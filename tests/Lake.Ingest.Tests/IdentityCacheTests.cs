using Lake.Pseudonymization;

namespace Lake.Ingest.Tests;

public sealed class IdentityCacheTests
{
    private TempDirectory _folder = null!;
    private Pseudonymizer _pseudonymizer = null!;
    private int _keyId;

    [SetUp]
    public void CreateKeys()
    {
        _folder = new TempDirectory("lake-identity-cache-tests");
        var keyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
        _pseudonymizer = new Pseudonymizer(keyRing);
        _keyId = keyRing.CurrentKeyId;
    }

    [TearDown]
    public void DeleteKeys() => _folder.Dispose();

    [Test]
    public void Resolve_ManyPeopleInterleaved_GivesEachThePseudonymizersPseudonym()
    {
        // Enough people to grow the table several times, each looked up again after all the others.
        var people = Enumerable.Range(0, 20_000).Select(i => Hetu.Create(new DateOnly(1930, 1, 1).AddDays(i * 3), 2 + (i % 997))).ToList();
        var cache = new IdentityCache(_pseudonymizer, "laboratory", _keyId);
        foreach (var person in people)
            cache.Resolve(person.Value);

        var wrong = people.Where(p =>
        {
            var entry = cache.Resolve(p.Value);
            return entry.Hetu?.Value != p.Value || entry.BirthDate != p.BirthDate || entry.Pseudonym != Expected(p);
        }).Select(p => people.IndexOf(p)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(wrong, Is.Empty);
            Assert.That(cache.Count, Is.EqualTo(people.Count));
        });
    }

    [Test]
    public void Resolve_CodesDifferingInOneCharacter_AreDifferentPeople()
    {
        var cache = new IdentityCache(_pseudonymizer, "laboratory", _keyId);
        // The same date and individual number in two centuries (sign - and A), and a neighbour.
        var codes = new[] { Hetu.Create(new DateOnly(1990, 1, 10), 123), Hetu.Create(new DateOnly(2090, 1, 10), 123), Hetu.Create(new DateOnly(1990, 1, 10), 125) };

        var pseudonyms = codes.Select(c => cache.Resolve(c.Value).Pseudonym).ToList();

        Assert.That(pseudonyms, Is.Unique);
        Assert.That(pseudonyms, Is.EqualTo(codes.Select(Expected)));
    }

    [TestCase("010190-123X")] // Shaped like a code, wrong check character.
    [TestCase("not a code")]
    [TestCase("0101९0-1234")] // A non-ASCII digit where a digit goes.
    [TestCase("")]
    public void Resolve_InvalidCode_ReportsWhyEveryTime(string code)
    {
        var cache = new IdentityCache(_pseudonymizer, "laboratory", _keyId);
        Hetu.TryParse(code, out _, out var expected);

        var first = cache.Resolve(code);
        var again = cache.Resolve(code);

        Assert.Multiple(() =>
        {
            Assert.That(first.Hetu, Is.Null);
            Assert.That(first.Error, Is.EqualTo(expected).And.Not.EqualTo(HetuError.None));
            Assert.That(again, Is.EqualTo(first));
        });
    }

    private Guid Expected(Hetu hetu) => _pseudonymizer.RegisterPseudonym("laboratory", _pseudonymizer.IdentityOf(hetu), _keyId);
}
