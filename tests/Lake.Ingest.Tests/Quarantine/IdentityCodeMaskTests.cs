using Lake.Ingest.Quarantine;
using Lake.Pseudonymization;

namespace Lake.Ingest.Tests.Quarantine;

public sealed class IdentityCodeMaskTests
{
    [TestCase("131052-308T")] // Classic hyphen, 1900s.
    [TestCase("010187-123X")]
    [TestCase("010101A123B")] // 2000s.
    [TestCase("010101Y123B")] // Newer 1900s sign.
    [TestCase("010101+123B")] // 1800s.
    [TestCase("131052-308X")] // Wrong check character: masked all the same, a typo is still a person.
    [TestCase("131052a308t")] // Lower case.
    public void Apply_IdentityCodeShape_IsReplaced(string code)
    {
        Assert.That(IdentityCodeMask.Apply($"patient {code}, seen twice"), Is.EqualTo($"patient {IdentityCodeMask.Replacement}, seen twice"));
    }

    [Test]
    public void Apply_GeneratedCodes_AreAllReplaced()
    {
        var codes = Enumerable.Range(2, 200).Select(n => Hetu.Create(new DateOnly(1900 + (n % 200), 1 + (n % 12), 1 + (n % 28)), n).Value).ToList();

        var masked = IdentityCodeMask.Apply(string.Join(";", codes));

        Assert.That(masked, Is.EqualTo(string.Join(";", Enumerable.Repeat(IdentityCodeMask.Replacement, codes.Count))));
    }

    [TestCase("E11.9")]
    [TestCase("2021-03-04T10:00:00")]
    [TestCase("1234567890123")] // A long number is not a code.
    [TestCase("131052-30")] // Too short.
    public void Apply_OtherText_IsUnchanged(string text)
    {
        Assert.That(IdentityCodeMask.Apply(text), Is.EqualTo(text));
    }

    [Test]
    public void Apply_SeveralCodes_ReplacesEach()
    {
        Assert.That(IdentityCodeMask.Apply("131052-308T,010101A123B"),
            Is.EqualTo($"{IdentityCodeMask.Replacement},{IdentityCodeMask.Replacement}"));
    }
}
