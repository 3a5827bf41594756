using System.Globalization;
using Lake.Ingest.Mapping;

namespace Lake.Ingest.Tests.Mapping;

public sealed class DateTimePatternTests
{
    [TestCase("dd.MM.yyyy HH:mm", "04.03.2021 10:15")]
    [TestCase("yyyy-MM-ddTHH:mm:ss", "2021-03-04T10:15:00")]
    [TestCase("yyyy-MM-dd HH:mm:ss", "2024-02-29 23:59:59")]
    [TestCase("dd.MM.yyyy", "29.02.2000")]
    [TestCase("yyyyMMdd", "19991231")]
    [TestCase("d.M.yyyy", "4.3.2021")] // Not fixed-width: the framework parses it.
    public void TryParse_ValidText_AgreesWithTheFramework(string format, string text)
    {
        var expected = DateTime.ParseExact(text, format, CultureInfo.InvariantCulture);

        Assert.That(new DateTimePattern(format).TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(expected));
    }

    [TestCase("dd.MM.yyyy HH:mm", "30.02.2019 08:15")] // No 30 February.
    [TestCase("dd.MM.yyyy", "29.02.1900")] // 1900 was not a leap year.
    [TestCase("dd.MM.yyyy HH:mm", "04.03.2021 24:00")]
    [TestCase("dd.MM.yyyy HH:mm", "04-03-2021 10:15")] // Wrong separators.
    [TestCase("dd.MM.yyyy HH:mm", "4.3.2021 10:15")] // Not the fixed width.
    [TestCase("yyyy-MM-ddTHH:mm:ss", "2021-03-04 10:15:00")]
    [TestCase("yyyy-MM-ddTHH:mm:ss", "2021-0a-04T10:15:00")]
    [TestCase("dd.MM.yyyy", "00.01.2020")]
    public void TryParse_InvalidText_IsRefusedLikeTheFramework(string format, string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(new DateTimePattern(format).TryParse(text, out _), Is.False);
            Assert.That(DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), Is.False);
        });
    }
}
