using System.Text;

namespace Lake.Pseudonymization.Tests;

// Consented identity codes, sealed for the way from a consent-based request to its extraction.
public sealed partial class PseudonymizerTests
{
    [TestCase("131052-308T")]
    [TestCase("100190Y999P")]
    [TestCase("010101A123N")]
    public void OpenIdentityCode_OfSealedCode_GivesTheCodeBack(string code)
    {
        var sealedCode = _pseudonymizer.SealIdentityCode(Hetu.Parse(code), _keyRing.CurrentKeyId);

        Assert.That(_pseudonymizer.OpenIdentityCode(sealedCode, _keyRing.CurrentKeyId).Value, Is.EqualTo(code));
    }

    [Test]
    public void SealIdentityCode_ShowsNothingOfTheCode()
    {
        var hetu = Hetu.Parse("131052-308T");

        var sealedCode = _pseudonymizer.SealIdentityCode(hetu, _keyRing.CurrentKeyId);

        Assert.That(Encoding.Latin1.GetString(sealedCode.ToByteArray()), Does.Not.Contain("131052"));
        Assert.That(sealedCode, Is.Not.EqualTo(_pseudonymizer.RegisterPseudonym(Pseudonymizer.ConsentedCodePurpose, _pseudonymizer.IdentityOf(hetu))),
            "a sealed code is not the pseudonym of the person under the same purpose");
    }

    [Test]
    public void OpenIdentityCode_UnderAnotherKey_RefusesInsteadOfNamingSomeoneElse()
    {
        var sealedCode = _pseudonymizer.SealIdentityCode(Hetu.Parse("131052-308T"), _keyRing.CurrentKeyId);
        var otherKey = _keyRing.Rotate();

        Assert.Throws<FormatException>(() => _pseudonymizer.OpenIdentityCode(sealedCode, otherKey));
    }
}
