using Lake.Ingest.Mapping;

namespace Lake.Ingest.Tests.Mapping;

public sealed class FhirDateTimeTests
{
    private readonly FhirDateTime _parser = FhirDateTime.ForFinland();

    [TestCase("2021-03-04T10:15:00+02:00", "2021-03-04 10:15:00")] // Winter: Finland is UTC+2.
    [TestCase("2021-03-04T08:15:00Z", "2021-03-04 10:15:00")]
    [TestCase("2021-07-04T08:15:00Z", "2021-07-04 11:15:00")] // Summer: UTC+3.
    [TestCase("2021-07-04T10:15:00-04:00", "2021-07-04 17:15:00")]
    [TestCase("2021-03-28T00:59:59Z", "2021-03-28 02:59:59")] // The last second before summer time ...
    [TestCase("2021-03-28T01:00:00Z", "2021-03-28 04:00:00")] // ... and the first: 03:00-04:00 local never happens.
    [TestCase("2021-10-31T00:30:00Z", "2021-10-31 03:30:00")] // The hour that happens twice in autumn, the first time ...
    [TestCase("2021-10-31T01:30:00Z", "2021-10-31 03:30:00")] // ... and the second.
    [TestCase("2021-12-31T23:30:00Z", "2022-01-01 01:30:00")] // The local day, month and year may differ from UTC's.
    [TestCase("2021-03-04", "2021-03-04 00:00:00")] // A date alone has no zone to convert from.
    [TestCase("2024-02-29", "2024-02-29 00:00:00")]
    public void TryParse_FhirDateOrDateTime_GivesFinnishLocalTime(string text, string expected)
    {
        Assert.That(_parser.TryParse(text, out var local, out var problem), Is.True, problem);
        Assert.That(local.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [Test]
    public void TryParse_FractionOfASecond_IsKeptToTheTick()
    {
        Assert.That(_parser.TryParse("2021-03-04T10:15:00.1234567891+02:00", out var local, out _), Is.True);
        Assert.That(local, Is.EqualTo(new DateTime(2021, 3, 4, 10, 15, 0).AddTicks(1_234_567)));
    }

    [TestCase("2021", "only the year or the month")]
    [TestCase("2021-03", "only the year or the month")]
    [TestCase("2021-02-29", "not a real date")]
    [TestCase("04.03.2021", "four-digit year")]
    [TestCase("2021-03-04T10:15:00", "no UTC offset")] // FHIR forbids it, and the instant is unknown.
    [TestCase("2021-03-04T10:15+02:00", "hh:mm:ss")]
    [TestCase("2021-03-04T24:00:00Z", "hh:mm:ss")]
    [TestCase("2021-03-04T10:15:00+0200", "UTC offset is not")]
    [TestCase("2021-03-04T10:15:00.Z", "not followed by digits")]
    [TestCase("2021-03-04 10:15:00+02:00", "hh:mm:ss after a 'T'")]
    [TestCase("0001-01-01T00:00:00+14:00", "out of range")]
    public void TryParse_NotAFhirDate_SaysWhy(string text, string why)
    {
        Assert.That(_parser.TryParse(text, out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain(why));
    }
}
