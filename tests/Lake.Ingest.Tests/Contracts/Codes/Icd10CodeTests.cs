using Lake.Contracts.Codes;

namespace Lake.Ingest.Tests.Contracts.Codes;

public sealed class Icd10CodeTests
{
    [TestCase("E119")]
    [TestCase("e11.9")]
    [TestCase("E11.9")]
    [TestCase(" e119 ")] // Feeds pad fields; the trim belongs to the normaliser too.
    public void Normalize_CommonSpellings_ReturnsDottedUpperCase(string code)
    {
        Assert.That(Icd10Code.Normalize(code), Is.EqualTo("E11.9"));
    }

    [TestCase("E11", "E11")]
    [TestCase("j45.901", "J45.901")]
    [TestCase("", "")]
    public void Normalize_OtherLengths_PutsDotAfterThirdCharacterOnly(string code, string expected)
    {
        Assert.That(Icd10Code.Normalize(code), Is.EqualTo(expected));
    }

    [TestCase("E11")]
    [TestCase("E11.9")]
    [TestCase("J45.901")]
    [TestCase("S72.00A")]
    public void IsWellFormed_CanonicalCode_ReturnsTrue(string code)
    {
        Assert.That(Icd10Code.IsWellFormed(code), Is.True);
    }

    [TestCase("E1")] // Too short: a letter needs two digits.
    [TestCase("123")] // No letter.
    [TestCase("EE11")] // Two letters.
    [TestCase("EE1.1")] // EE11 as the normaliser leaves it.
    [TestCase("E11.")] // Dot with nothing after it.
    [TestCase("E11.12345")] // More than four characters after the dot.
    [TestCase("e11.9")] // Not canonical: lower case.
    [TestCase("E11.9'")]
    public void IsWellFormed_MalformedCode_ReturnsFalse(string code)
    {
        Assert.That(Icd10Code.IsWellFormed(code), Is.False);
    }

    [TestCase("E11", "E11")]
    [TestCase("e119", "E11.9")]
    [TestCase("E", "E")]
    public void TryNormalizePrefix_ResearcherPrefix_ReturnsCanonical(string prefix, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Icd10Code.TryNormalizePrefix(prefix, out var canonical), Is.True);
            Assert.That(canonical, Is.EqualTo(expected));
        });
    }

    [TestCase("E11'; DROP TABLE x; --")]
    [TestCase("11")]
    [TestCase("")]
    [TestCase("E11%")]
    public void TryNormalizePrefix_HostilePrefix_ReturnsFalse(string prefix)
    {
        Assert.That(Icd10Code.TryNormalizePrefix(prefix, out _), Is.False);
    }

    [Test]
    public void IsWellFormed_LetterThird_OnlyForTheClinicalModification()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Icd10Code.IsWellFormed("C7A.8", clinicalModification: true), Is.True, "ICD-10-CM, from foreign sources such as MIMIC-IV");
            Assert.That(Icd10Code.IsWellFormed("C7A.8"), Is.False, "not a WHO or THL code");
            Assert.That(Icd10Code.IsWellFormed("I1O"), Is.False, "a typo for I10 stays malformed");
        });
    }
}
