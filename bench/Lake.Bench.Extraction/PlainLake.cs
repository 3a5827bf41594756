using DuckDB.NET.Data;

namespace Lake.Bench.Extraction;

/// <summary>
/// DuckDB's own conversion of the benchmark's feeds to Parquet, the identity code kept as the join
/// key: the data as a lake without pseudonyms would hold it, which the plain SQL side queries.
/// </summary>
internal static class PlainLake
{
    public static void WriteOnce(string folder, string laboratory, string diagnoses, string background)
    {
        var complete = Path.Combine(folder, "complete");
        if (File.Exists(complete))
            return;
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, $"""
            COPY (SELECT HETU AS hetu, NAYTTEENOTTOAIKA AS sample_time, TUTKIMUSNRO AS test_code, LYHENNE AS test_name,
                         TRY_CAST(replace(TULOS, ',', '.') AS DOUBLE) AS result_value,
                         CASE WHEN TRY_CAST(replace(TULOS, ',', '.') AS DOUBLE) IS NULL THEN TULOS END AS result_text,
                         YKSIKKO AS result_unit, TILAAJA AS ordering_unit, year(NAYTTEENOTTOAIKA) AS year
                  FROM read_csv({Literal(laboratory)}, delim = '\t', header = true, timestampformat = '%d.%m.%Y %H:%M',
                       columns = {"{"}'HETU': 'VARCHAR', 'TUTKIMUSNRO': 'VARCHAR', 'LYHENNE': 'VARCHAR', 'NAYTTEENOTTOAIKA': 'TIMESTAMP',
                                  'TULOS': 'VARCHAR', 'YKSIKKO': 'VARCHAR', 'TILAAJA': 'VARCHAR'{"}"}))
            TO {Literal(Path.Combine(folder, "laboratory"))} (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd)
            """);
        Execute(connection, $"""
            COPY (SELECT patient_id AS hetu, dx_code AS code, 'ICD-10' AS code_system, dx_type AS diagnosis_type,
                         recorded_at, CAST(NULL AS DATE) AS diagnosis_start, department AS unit, specialty, year(recorded_at) AS year
                  FROM read_csv({Literal(diagnoses)}, header = true, timestampformat = '%Y-%m-%dT%H:%M:%S', all_varchar = false))
            TO {Literal(Path.Combine(folder, "diagnosis"))} (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd)
            """);
        Execute(connection, $"""
            COPY (SELECT patient_id AS hetu, CASE sex WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' END AS sex,
                         make_date(CASE substr(patient_id, 7, 1) WHEN '+' THEN 1800 WHEN 'A' THEN 2000 WHEN 'B' THEN 2000 WHEN 'C' THEN 2000
                                   WHEN 'D' THEN 2000 WHEN 'E' THEN 2000 WHEN 'F' THEN 2000 ELSE 1900 END + CAST(substr(patient_id, 5, 2) AS INTEGER),
                                   CAST(substr(patient_id, 3, 2) AS INTEGER), CAST(substr(patient_id, 1, 2) AS INTEGER)) AS birth_date
                  FROM read_csv({Literal(background)}, header = true, all_varchar = true))
            TO {Literal(Path.Combine(folder, "patient_background.parquet"))} (FORMAT parquet, COMPRESSION zstd)
            """);
        File.WriteAllText(complete, DateTime.UtcNow.ToString("O"));
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Paths the benchmark made itself; quoted for the COPY statement.</summary>
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
