using Lake.Contracts.Extraction;
using Parquet;
using Parquet.Schema;

namespace Lake.Extract.Tests.Delivery;

/// <summary>Delivered time stamps are UTC instants of the hospital's wall-clock times, and every file says so.</summary>
public sealed partial class ExtractionRunnerTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    [Test]
    public void Run_ExactDates_TimeStampsAreUtcInstantsOfTheHospitalsLocalTime()
    {
        var manifest = Extract();

        var times = Query(manifest, "SELECT strftime(recorded_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M'), typeof(recorded_at) FROM read_parquet($1) ORDER BY recorded_at", "diagnosis.parquet");
        // 09:00 in January is UTC+2 (EET), 10:00 in May is UTC+3 (EEST).
        Assert.That(times, Is.EqualTo(new[]
        {
            ("2015-01-01 07:00", "TIMESTAMP WITH TIME ZONE"), ("2019-05-02 07:00", "TIMESTAMP WITH TIME ZONE"),
            ("2019-06-03 08:00", "TIMESTAMP WITH TIME ZONE"), ("2022-02-02 10:00", "TIMESTAMP WITH TIME ZONE"),
        }));
    }

    [Test]
    public async Task Run_ParquetFiles_DeclareTimeStampsAdjustedToUtcAndRecordTheHospitalsZone()
    {
        var manifest = Extract();

        foreach (var name in new[] { "cohort.parquet", "diagnosis.parquet" })
        {
            await using var reader = await ParquetReader.CreateAsync(Delivered(manifest, name));
            var timestamps = reader.Schema.DataFields.OfType<DateTimeDataField>().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(timestamps, Is.Not.Empty, name);
                Assert.That(timestamps.Select(f => f.IsAdjustedToUTC), Is.All.True, name);
                Assert.That(reader.CustomMetadata, Does.ContainKey("lake.recorded_time_zone").WithValue("Europe/Helsinki"), name);
                Assert.That(reader.CustomMetadata, Does.ContainKey("lake.timestamps").WithValue("UTC instants"), name);
            });
        }
    }

    [Test]
    public void Run_Csv_WritesInstantsAsIso8601InUtc()
    {
        var manifest = Extract(new DeliveryOptions { Csv = true });

        var lines = File.ReadAllLines(Delivered(manifest, "diagnosis.csv"));
        var column = Array.IndexOf(lines[0].Split(','), "recorded_at");
        var times = lines.Skip(1).Select(line => line.Split(',')[column]).Order();
        Assert.That(times, Is.EqualTo(new[] { "2015-01-01T07:00:00.000000Z", "2019-05-02T07:00:00.000000Z", "2019-06-03T08:00:00.000000Z", "2022-02-02T10:00:00.000000Z" }));
    }
}
