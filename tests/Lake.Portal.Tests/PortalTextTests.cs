using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Lake.Portal.Resources;

namespace Lake.Portal.Tests;

/// <summary>The portal's three resource files say the same things: every text in each language, with the same placeholders.</summary>
public sealed partial class PortalTextTests
{
    private static readonly ResourceManager Texts = new(typeof(PortalText).FullName!, typeof(PortalText).Assembly);

    [TestCase("fi")]
    [TestCase("sv")]
    public void Translation_HasEveryEnglishTextWithItsPlaceholders(string culture)
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(culture));

        Assert.Multiple(() =>
        {
            Assert.That(translated.Keys, Is.EquivalentTo(english.Keys));
            foreach (var (key, text) in english.Where(e => translated.ContainsKey(e.Key)))
                Assert.That(Placeholders(translated[key]), Is.EqualTo(Placeholders(text)), $"{key} in {culture}");
        });
    }

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
