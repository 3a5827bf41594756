using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Lake.Portal.Resources;

namespace Lake.Portal.Tests;

/// <summary>Each of the portal's resource sets says the same things in its three files: every text in each language, with the same placeholders.</summary>
public sealed partial class PortalTextTests
{
    [TestCase(typeof(PortalText), "fi")]
    [TestCase(typeof(PortalText), "sv")]
    [TestCase(typeof(StudyText), "fi")]
    [TestCase(typeof(StudyText), "sv")]
    [TestCase(typeof(OperationsText), "fi")]
    [TestCase(typeof(OperationsText), "sv")]
    [TestCase(typeof(StaffText), "fi")]
    [TestCase(typeof(StaffText), "sv")]
    [TestCase(typeof(RequestText), "fi")]
    [TestCase(typeof(RequestText), "sv")]
    public void Translation_HasEveryEnglishTextWithItsPlaceholders(Type set, string culture)
    {
        var texts = new ResourceManager(set.FullName!, set.Assembly);
        var english = Entries(texts, CultureInfo.InvariantCulture);
        var translated = Entries(texts, CultureInfo.GetCultureInfo(culture));

        Assert.Multiple(() =>
        {
            Assert.That(english, Is.Not.Empty, $"the English {set.Name}");
            Assert.That(translated.Keys, Is.EquivalentTo(english.Keys));
            foreach (var (key, text) in english.Where(e => translated.ContainsKey(e.Key)))
                Assert.That(Placeholders(translated[key]), Is.EqualTo(Placeholders(text)), $"{key} in {culture}");
        });
    }

    private static Dictionary<string, string> Entries(ResourceManager texts, CultureInfo culture) =>
        texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
