using DuckDB.NET.Data;

namespace Lake.Ingest.Tests;

/// <summary>How the lake's Parquet is encoded matters to every extraction that reads it.</summary>
public sealed partial class FeedIngestorTests
{
    [Test]
    public async Task IngestAsync_RepeatingCodes_AreDictionaryEncodedAndDistinctTextStaysPlain()
    {
        var codes = new[] { "E11.9", "I10", "J45", "M54.5" };
        var rows = Enumerable.Range(0, 2000)
            .Select(i => $"{(i % 3 == 0 ? Alice : i % 3 == 1 ? Bob : Carol).Value},{codes[i % codes.Length]},P,2022-05-06T11:30:00,unit number {i}")
            .ToArray();
        var result = await _ingestor.IngestAsync(DiagnosisDescriptor(), WriteFeed("encodings.csv", DiagnosisHeader, rows));

        var encodings = ColumnEncodings(Path.Combine(_layout.Root, result.Commit.Files.Single().Path));

        Assert.Multiple(() =>
        {
            Assert.That(encodings["code"], Does.Contain("DICTIONARY"), "four codes in 2,000 rows");
            Assert.That(encodings["code_system"], Does.Contain("DICTIONARY"));
            Assert.That(encodings["unit"], Does.Not.Contain("DICTIONARY"), "every value distinct: a dictionary would only add to it");
        });
    }

    private static Dictionary<string, string> ColumnEncodings(string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path_in_schema, string_agg(DISTINCT encodings, ', ') FROM parquet_metadata($1) GROUP BY path_in_schema";
        command.Parameters.Add(new DuckDBParameter(file));
        using var reader = command.ExecuteReader();
        var encodings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
            encodings[reader.GetString(0)] = reader.GetString(1);
        return encodings;
    }
}
