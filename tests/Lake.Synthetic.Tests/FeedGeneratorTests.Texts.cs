using System.Text.RegularExpressions;
using Lake.Synthetic.Care;

namespace Lake.Synthetic.Tests;

public sealed partial class FeedGeneratorTests
{
    private static readonly (string File, int Category, int Text, string Excluded)[] TextFeeds =
    [
        ("uranus_record_texts.csv", 4, 5, "SEKSUAALIRIKOS"),
        ("apotti_notes.csv", 4, 5, "Seksuaalirikos"),
    ];

    [Test]
    public void Write_RecordTexts_SayWhichIdentifiersTheyHold()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var (file, _, textField, _) in TextFeeds)
            {
                var records = AnyFeed.Records(_folder.Path, file);
                var rows = _truth.Feed(file).Rows.Where(r => r.ReachesLake).ToList();
                foreach (var row in rows)
                {
                    var text = records[row.Line]![textField];
                    Assert.That(IdentifiersIn(text), Is.EqualTo(row.Identifiers), $"{file} line {row.Line}: {text}");
                }

                var share = rows.Count(r => r.Identifiers != TextIdentifiers.None) / (double)rows.Count;
                Assert.That(share, Is.InRange(0.1, 0.3), file);
                foreach (var kind in Enum.GetValues<TextIdentifiers>().Where(k => k != TextIdentifiers.None))
                    Assert.That(rows.Count(r => r.Identifiers.HasFlag(kind)), Is.GreaterThan(10), $"{file}: {kind}");
            }
        }
    }

    [Test]
    public void Write_RecordTexts_MarkSexualAssaultRecordsByCategoryAndRecordThemAsExcluded()
    {
        foreach (var (file, categoryField, _, excluded) in TextFeeds)
        {
            var records = AnyFeed.Records(_folder.Path, file);
            var rows = _truth.Feed(file).Rows.Where(r => r.Defect is null).ToList();
            var marked = rows.Where(r => r.ExcludedAs is not null).ToList();

            Assert.That(marked, Is.Not.Empty, file);
            Assert.That(marked.Select(r => r.ExcludedAs), Is.All.EqualTo(ExclusionReasons.SexualAssault));
            Assert.That(rows.Where(r => records[r.Line]![categoryField] == excluded).Select(r => r.Line), Is.EqualTo(marked.Select(r => r.Line)), file);
            Assert.That(rows.Where(r => r.ExcludedAs is null).Select(r => records[r.Line]![categoryField]), Is.All.Empty, file);
        }
    }

    /// <summary>What a scrubber would look for, written without the generator's help.</summary>
    private static TextIdentifiers IdentifiersIn(string text)
    {
        var found = TextIdentifiers.None;
        if (Regex.IsMatch(text, @"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b"))
            found |= TextIdentifiers.IdentityCode;
        if (Regex.IsMatch(text, @"(\+358 \d{2} \d{7}|\b0\d{1,2}[ -]\d{3,7}( \d{4})?\b)"))
            found |= TextIdentifiers.Phone;
        if (Regex.IsMatch(text, @"[a-z]+\.[a-z]+@[a-z0-9]+\.[a-z]+"))
            found |= TextIdentifiers.Email;
        if (Regex.IsMatch(text, @"\d+ [A-D] \d+, \d{5} \p{Lu}"))
            found |= TextIdentifiers.Address;
        if (PersonNames.FirstNames.Any(first => PersonNames.LastNames.Any(last => text.Contains($"{first} {last}", StringComparison.Ordinal))))
            found |= TextIdentifiers.Name;
        return found;
    }
}
