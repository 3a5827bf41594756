using Lake.Contracts.Text;

namespace Lake.Contracts.Tests.Text;

public sealed class NameSuggestionsTests
{
    private static readonly string[] Sources = ["uranus-diagnosis", "uranus-patient-background", "apotti-diagnosis", "apotti-laboratory", "oberon-procedure", "weboodi-medication"];

    [TestCase("kitten", "sitting", 3)]
    [TestCase("laboratory", "laboratory", 0)]
    [TestCase("labroatory", "laboratory", 1)]
    [TestCase("ab", "ba", 1)]
    [TestCase("", "abc", 3)]
    [TestCase("ca", "abc", 3)]
    public void Distance_CountsEditsWithASwapAsOne(string a, string b, int expected)
    {
        Assert.That(NameSuggestions.Distance(a, b), Is.EqualTo(expected));
    }

    [Test]
    public void For_OneLetterWrong_SuggestsTheName()
    {
        Assert.That(NameSuggestions.For("uranus-diagnosys", Sources), Is.EqualTo(new[] { "uranus-diagnosis" }));
    }

    [Test]
    public void For_SwappedLetters_CountAsOneEdit()
    {
        Assert.That(NameSuggestions.For("laboratroy", ["laboratory", "medication"]), Is.EqualTo(new[] { "laboratory" }));
    }

    [Test]
    public void For_TheStartOfSeveralNames_SuggestsThemInOrder()
    {
        Assert.That(NameSuggestions.For("uranis", Sources), Is.EqualTo(new[] { "uranus-diagnosis", "uranus-patient-background" }));
    }

    [Test]
    public void For_CloserNamesFirst_AndNoMoreThanThree()
    {
        var known = new[] { "abcdx", "abcdex", "abcd-1", "abcd-2", "abcd-3" };

        var suggestions = NameSuggestions.For("abcde", known);

        Assert.That(suggestions, Is.EqualTo(new[] { "abcdex", "abcdx", "abcd-1" }));
    }

    [Test]
    public void For_DifferentCase_StillMatchesAndSuggestsTheKnownSpelling()
    {
        Assert.That(NameSuggestions.For("THL-12-2025", ["thl-12-2024", "HUS-1-2025"]), Is.EqualTo(new[] { "thl-12-2024" }));
    }

    [Test]
    public void For_NothingClose_SuggestsNothing()
    {
        Assert.That(NameSuggestions.For("zebra", Sources), Is.Empty);
    }

    [Test]
    public void For_ShortName_AllowsOneEditOnly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NameSuggestions.For("lav", ["lab"]), Is.EqualTo(new[] { "lab" }));
            Assert.That(NameSuggestions.For("xyz", ["abz"]), Is.Empty, "two edits of three letters is another word");
        });
    }

    [TestCase(new string[0], null)]
    [TestCase(new[] { "uranus" }, "did you mean 'uranus'?")]
    [TestCase(new[] { "a", "b" }, "did you mean 'a' or 'b'?")]
    [TestCase(new[] { "a", "b", "c" }, "did you mean 'a', 'b' or 'c'?")]
    public void DidYouMean_NamesEverySuggestion(string[] suggestions, string? expected)
    {
        Assert.That(NameSuggestions.DidYouMean(suggestions), Is.EqualTo(expected));
    }
}
