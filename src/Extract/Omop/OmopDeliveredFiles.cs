using Lake.Extract.Delivery;
using Lake.Extract.Querying;

namespace Lake.Extract.Omop;

/// <summary>
/// The delivery's own Parquet files as views the OMOP tables are built from: <c>src_{register}</c>
/// with the study pseudonym as text, the row's place in its file (for ids that replays reproduce)
/// and the columns the mapping reads. A column the researcher left out reads as NULL.
/// </summary>
internal sealed class OmopDeliveredFiles(OmopSession session, string folder)
{
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    /// <summary>Whether the register was delivered (it had rows for the cohort, or a file with none).</summary>
    public bool Has(string register) => _present.Contains(register);

    /// <summary>Creates the view of a delivered register with the named columns, each typed as given when absent.</summary>
    public void Open(string register, IReadOnlyList<(string Name, string Type)> columns)
    {
        var path = Path.Combine(folder, register + ".parquet");
        if (!File.Exists(path))
            return;
        var source = $"read_parquet({SqlText.Literal(path)}, file_row_number = true)";
        var present = session.Columns($"SELECT * FROM {source}");
        var selected = columns.Select(c => present.Contains(c.Name) ? SqlText.Identifier(c.Name) : $"CAST(NULL AS {c.Type}) AS {SqlText.Identifier(c.Name)}");
        session.Execute($"""
            CREATE TEMP VIEW {SqlText.Identifier("src_" + register)} AS
            SELECT CAST({DatasetTask.StudyPseudonymColumn} AS VARCHAR) AS study_id, file_row_number, {string.Join(", ", selected)}
            FROM {source}
            """);
        _present.Add(register);
    }
}
