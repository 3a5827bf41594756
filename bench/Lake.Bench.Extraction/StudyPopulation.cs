using DuckDB.NET.Data;
using Lake.Pseudonymization;

namespace Lake.Bench.Extraction;

/// <summary>
/// The persons of the laboratory feed, read back from it, so that the diagnosis and background
/// feeds describe the same people and registers can be joined for a cohort.
/// </summary>
internal static class StudyPopulation
{
    public static IReadOnlyList<Hetu> ReadFrom(string laboratoryFeed)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT HETU FROM read_csv($1, delim = '\t', header = true, all_varchar = true) ORDER BY HETU";
        command.Parameters.Add(new DuckDBParameter(laboratoryFeed));
        using var reader = command.ExecuteReader();
        var persons = new List<Hetu>();
        while (reader.Read())
            persons.Add(Hetu.Parse(reader.GetString(0)));
        return persons;
    }
}
