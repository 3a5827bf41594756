using System.Globalization;

namespace Lake.Pseudonymization.Tests;

public sealed class HetuTests
{
    private static IEnumerable<HetuTestVector> ValidVectors => HetuTestVector.LoadAll().Where(v => v.ExpectedValid);

    private static IEnumerable<HetuTestVector> InvalidVectors => HetuTestVector.LoadAll().Where(v => !v.ExpectedValid);

    private static IEnumerable<HetuTestVector> CheckCharacterVectors =>
        InvalidVectors.Where(v => v.ReasonOrDecoded.StartsWith("check char", StringComparison.Ordinal));

    [Test]
    public void LoadAll_VectorsFile_HasAllRows()
    {
        var vectors = HetuTestVector.LoadAll();

        Assert.That(vectors, Has.Count.EqualTo(HetuTestVector.ExpectedCount));
        Assert.That(vectors.Count(v => v.ExpectedValid), Is.EqualTo(39));
    }

    [TestCaseSource(nameof(ValidVectors))]
    public void TryParse_ValidVector_DecodesBirthDateSexAndRange(HetuTestVector vector)
    {
        var parsed = Hetu.TryParse(vector.Hetu, out var hetu, out var error);

        Assert.That(parsed, Is.True);
        Assert.That(error, Is.EqualTo(HetuError.None));
        Assert.That(hetu, Is.Not.Null);
        Assert.That(hetu!.Value, Is.EqualTo(vector.Hetu));
        Assert.That(hetu.BirthDate, Is.EqualTo(DateOnly.ParseExact(vector.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(hetu.Sex, Is.EqualTo(vector.Sex == "male" ? Sex.Male : Sex.Female));
        Assert.That(hetu.IsTemporary, Is.EqualTo(vector.NumberRange == "temporary"));
        Assert.That(Hetu.Validate(vector.Hetu), Is.EqualTo(HetuError.None));
    }

    [TestCaseSource(nameof(InvalidVectors))]
    public void TryParse_InvalidVector_ReportsFirstBrokenRule(HetuTestVector vector)
    {
        var parsed = Hetu.TryParse(vector.Hetu, out var hetu, out var error);

        Assert.That(parsed, Is.False);
        Assert.That(hetu, Is.Null);
        Assert.That(error, Is.EqualTo(ExpectedError(vector.ReasonOrDecoded)));
        Assert.That(Hetu.Validate(vector.Hetu), Is.EqualTo(error));
    }

    // The file names the check character the code should have had; putting it in must make the code valid.
    [TestCaseSource(nameof(CheckCharacterVectors))]
    public void TryParse_InvalidCheckCharacterReplacedByExpected_IsValid(HetuTestVector vector)
    {
        var expected = vector.ReasonOrDecoded["check char (expected ".Length];

        Assert.That(Hetu.Validate(vector.Hetu[..^1] + expected), Is.EqualTo(HetuError.None));
    }

    [TestCase('+', 1852)]
    [TestCase('-', 1952)]
    [TestCase('Y', 1994)]
    [TestCase('X', 1994)]
    [TestCase('W', 1994)]
    [TestCase('V', 1994)]
    [TestCase('U', 1994)]
    [TestCase('A', 2004)]
    [TestCase('B', 2016)]
    [TestCase('C', 2016)]
    [TestCase('D', 2016)]
    [TestCase('E', 2001)]
    [TestCase('F', 2003)]
    public void Create_EachCenturySign_RoundTripsThroughParse(char sign, int year)
    {
        var birthDate = new DateOnly(year, 5, 2);

        var created = Hetu.Create(birthDate, 903, sign);
        var parsed = Hetu.Parse(created.Value);

        Assert.That(created.Value[6], Is.EqualTo(sign));
        Assert.That(parsed, Is.EqualTo(created));
        Assert.That(parsed.BirthDate, Is.EqualTo(birthDate));
        Assert.That(parsed.Sex, Is.EqualTo(Sex.Male));
        Assert.That(parsed.IsTemporary, Is.True);
    }

    [TestCase(1852, '+')]
    [TestCase(1952, '-')]
    [TestCase(2010, 'A')]
    public void Create_NoSign_UsesTheCenturysOriginalSign(int year, char expectedSign)
    {
        var created = Hetu.Create(new DateOnly(year, 10, 13), 308);

        Assert.That(created.Value[6], Is.EqualTo(expectedSign));
        Assert.That(created.Sex, Is.EqualTo(Sex.Female));
        Assert.That(created.IsTemporary, Is.False);
    }

    [Test]
    public void Create_DvvExampleDate_ReproducesDvvExample()
    {
        Assert.That(Hetu.Create(new DateOnly(1952, 10, 13), 308).Value, Is.EqualTo("131052-308T"));
    }

    // Without the check, 'A' on a 1990 date would silently give a code for 2090.
    [TestCase(1990, 'A')]
    [TestCase(2005, '-')]
    [TestCase(1890, 'Y')]
    [TestCase(1990, 'G')]
    public void Create_SignOfAnotherCentury_Throws(int year, char sign)
    {
        Assert.That(() => Hetu.Create(new DateOnly(year, 1, 10), 999, sign), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    public void Create_IndividualNumberNeverIssued_Throws(int individualNumber)
    {
        Assert.That(() => Hetu.Create(new DateOnly(1990, 1, 10), individualNumber), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Equals_SameDigitsDifferentCenturySign_AreDifferentPersons()
    {
        var classic = Hetu.Parse("100190-999P");

        Assert.That(classic, Is.Not.EqualTo(Hetu.Parse("100190Y999P")));
        Assert.That(classic, Is.EqualTo(Hetu.Create(new DateOnly(1990, 1, 10), 999)));
    }

    [TestCaseSource(nameof(ValidVectors))]
    public void ToString_ValidVector_DoesNotContainValue(HetuTestVector vector)
    {
        var text = Hetu.Parse(vector.Hetu).ToString();

        Assert.That(text, Does.Not.Contain(vector.Hetu));
        Assert.That(text, Does.Not.Contain(vector.Hetu[..6]));
        Assert.That(text, Does.Contain("redacted"));
    }

    [TestCaseSource(nameof(InvalidVectors))]
    public void Describe_InvalidVector_DoesNotContainValue(HetuTestVector vector)
    {
        var description = Hetu.Validate(vector.Hetu).Describe();

        Assert.That(description, Does.Not.Contain(vector.Hetu.Trim()));
        Assert.That(description, Does.Not.Contain(vector.Hetu.Trim()[..6]));
    }

    [TestCaseSource(nameof(InvalidVectors))]
    public void Parse_InvalidVector_ThrowsWithoutValueInMessage(HetuTestVector vector)
    {
        Assert.That(
            () => Hetu.Parse(vector.Hetu),
            Throws.InstanceOf<FormatException>().With.Message.Not.Contain(vector.Hetu.Trim()));
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("           ")]
    public void TryParse_NoCode_SaysItIsEmptyNotTooShort(string text)
    {
        Assert.That(Hetu.TryParse(text, out _, out var error), Is.False);
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.EqualTo(HetuError.Empty));
            Assert.That(error.Describe(), Does.Contain("empty").And.Not.Contain("11 characters"));
        });
    }

    [Test]
    public void Describe_EveryError_IsDistinctAndNeverEmpty()
    {
        var descriptions = Enum.GetValues<HetuError>().Select(e => e.Describe()).ToList();

        Assert.That(descriptions, Is.Unique);
        Assert.That(descriptions, Has.All.Not.Empty);
    }

    private static HetuError ExpectedError(string reason) => reason switch
    {
        "length" => HetuError.Length,
        "format" => HetuError.Format,
        "century sign" => HetuError.CenturySign,
        "date" => HetuError.Date,
        "individual number" => HetuError.IndividualNumber,
        _ when reason.StartsWith("check char (", StringComparison.Ordinal) => HetuError.CheckCharacter,
        _ => throw new ArgumentException($"Unknown reason '{reason}' in the vectors file.", nameof(reason)),
    };
}
