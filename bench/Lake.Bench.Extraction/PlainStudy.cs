using System.Globalization;
using DuckDB.NET.Data;
using Lake.Contracts.Registers;

namespace Lake.Bench.Extraction;

/// <summary>
/// The same study done the plain way: DuckDB SQL over Parquet keyed by the identity code, one
/// connection, no pseudonym mapping, no permit check, no suppression, no audit. It computes the
/// same answers as Lake (cohort by first E10 diagnosis in the period; counts by index year, sex and
/// age band; rows per register and year; the cohort's laboratory and diagnosis rows in a total
/// order), so the benchmark can check both sides agree before it compares their times.
/// </summary>
internal sealed class PlainStudy(string plainFolder)
{
    private const string AgeBand = "CASE WHEN age < 18 THEN '0-17' WHEN age < 40 THEN '18-39' WHEN age < 65 THEN '40-64' WHEN age < 80 THEN '65-79' ELSE '80+' END";

    /// <summary>Cohort size and the rows the cohort has in the laboratory register (the sums the benchmark compares).</summary>
    public (long Cohort, long LaboratoryRows) Preliminary(DateTime from, DateTime toExclusive)
    {
        using var connection = Open();
        Execute(connection, Cohort(), from, toExclusive);
        var cohort = Scalar(connection, "SELECT count(*) FROM cohort");
        Execute(connection, $"""
            SELECT year(c.index_time) AS y, count(*) FROM cohort c GROUP BY y ORDER BY y;
            """);
        Execute(connection, "SELECT coalesce(b.sex, 'unknown') AS s, count(*) FROM cohort c LEFT JOIN background b USING (hetu) GROUP BY s");
        Execute(connection, $"""
            SELECT {AgeBand} AS band, count(*)
            FROM (SELECT date_diff('year', b.birth_date, CAST(c.index_time AS DATE))
                         - CASE WHEN CAST(c.index_time AS DATE) < b.birth_date + to_years(date_diff('year', b.birth_date, CAST(c.index_time AS DATE))) THEN 1 ELSE 0 END AS age
                  FROM cohort c JOIN background b USING (hetu))
            GROUP BY band
            """);
        var laboratory = Availability(connection, RegisterCatalog.Shipped.Get(RegisterNames.Laboratory));
        Availability(connection, RegisterCatalog.Shipped.Get(RegisterNames.Diagnosis));
        return (cohort, laboratory);
    }

    /// <summary>Writes the cohort's laboratory and diagnosis rows to Parquet; returns the rows written per register.</summary>
    public (long Laboratory, long Diagnosis) Extract(DateTime from, DateTime toExclusive, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        using var connection = Open();
        Execute(connection, Cohort(), from, toExclusive);
        var laboratory = Copy(connection, RegisterCatalog.Shipped.Get(RegisterNames.Laboratory), outputFolder);
        var diagnosis = Copy(connection, RegisterCatalog.Shipped.Get(RegisterNames.Diagnosis), outputFolder);
        return (laboratory, diagnosis);
    }

    private static string Cohort() =>
        """
        CREATE TEMP TABLE cohort AS
        SELECT hetu, min(recorded_at) AS index_time FROM diagnosis
        WHERE starts_with(code, 'E10') AND recorded_at >= $1 AND recorded_at < $2
        GROUP BY hetu
        """;

    /// <summary>
    /// The cohort's rows of one register by year, each event once as the extraction delivers it:
    /// a preliminary study counts the rows a delivery would hold.
    /// </summary>
    private static long Availability(DuckDBConnection connection, RegisterDefinition register)
    {
        var eventKey = string.Join(", ", register.EventKey.Select(c => "r." + c).Prepend("r.hetu"));
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT y, count(*) FROM (
                SELECT year(r.{register.EventColumn}) AS y FROM {register.Name} r JOIN cohort c USING (hetu)
                QUALIFY row_number() OVER (PARTITION BY {eventKey} ORDER BY r.{register.EventColumn}) = 1)
            GROUP BY y ORDER BY y
            """;
        using var reader = command.ExecuteReader();
        long total = 0;
        while (reader.Read())
            total += reader.GetInt64(1);
        return total;
    }

    /// <summary>
    /// The cohort's rows of one register, each event once (same person and event key, as Lake's
    /// catalog defines it), in a total order: the answer Lake delivers, without the study pseudonyms.
    /// </summary>
    private static long Copy(DuckDBConnection connection, RegisterDefinition register, string folder)
    {
        var columns = string.Join(", ", register.Columns.Select(c => "r." + c.Name));
        var eventKey = string.Join(", ", register.EventKey.Select(c => "r." + c).Prepend("r.hetu"));
        var file = Path.Combine(folder, register.Name + ".parquet");
        Execute(connection, $"""
            COPY (SELECT r.hetu, {columns} FROM {register.Name} r JOIN cohort c USING (hetu)
                  QUALIFY row_number() OVER (PARTITION BY {eventKey} ORDER BY {columns}) = 1
                  ORDER BY r.hetu, r.{register.EventColumn}, {columns})
            TO '{file}' (FORMAT parquet, COMPRESSION zstd)
            """);
        return Scalar(connection, $"SELECT count(*) FROM read_parquet('{file}')");
    }

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, $"CREATE VIEW laboratory AS SELECT * FROM read_parquet('{Path.Combine(plainFolder, "laboratory")}/**/*.parquet', hive_partitioning = true)");
        Execute(connection, $"CREATE VIEW diagnosis AS SELECT * FROM read_parquet('{Path.Combine(plainFolder, "diagnosis")}/**/*.parquet', hive_partitioning = true)");
        Execute(connection, $"CREATE VIEW background AS SELECT * FROM read_parquet('{Path.Combine(plainFolder, "patient_background.parquet")}')");
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }
}
