using DuckDB.NET.Data;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;

namespace Lake.Extract.Querying;

/// <summary>
/// An in-memory DuckDB connection with one view per register over its committed Parquet files,
/// then locked down: file access only under the lake and the delivery folder, no extension
/// loading, configuration frozen, bounded memory. Queries pass every user value as a parameter.
/// </summary>
public sealed class LakeQuerySession : IDisposable
{
    private readonly DuckDBConnection _connection;

    private LakeQuerySession(DuckDBConnection connection, LakeSnapshot snapshot)
    {
        _connection = connection;
        Snapshot = snapshot;
    }

    public LakeSnapshot Snapshot { get; }

    public DuckDBConnection Connection => _connection;

    /// <exception cref="DamagedLakeFileException">A file of the snapshot is missing or not as committed; nothing is read from it.</exception>
    public static LakeQuerySession Open(LakeSnapshot snapshot, string? writableFolder = null, string memoryLimit = "2GB")
    {
        LakeFileCheck.Verify(snapshot.Layout, snapshot.Batches);
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var session = new LakeQuerySession(connection, snapshot);
        foreach (var register in snapshot.Registers.All.Where(r => snapshot.HasData(r.Name)))
            RegisterView.Create(session, register, snapshot);

        var allowed = new List<string> { snapshot.Layout.Root + Path.DirectorySeparatorChar };
        if (writableFolder is not null)
        {
            OwnerOnly.CreateFolder(writableFolder);
            allowed.Add(Path.GetFullPath(writableFolder) + Path.DirectorySeparatorChar);
        }

        session.Execute($"SET allowed_directories = [{string.Join(", ", allowed.Select(SqlText.Literal))}]");
        session.Execute($"SET memory_limit = {SqlText.Literal(memoryLimit)}");
        session.Execute("SET autoinstall_known_extensions = false");
        session.Execute("SET autoload_known_extensions = false");
        session.Execute("SET enable_external_access = false");
        // The Arrow delivery files take their types from DuckDB's Arrow conversion: lossless keeps a
        // UUID as 16 bytes tagged arrow.uuid, as a Parquet file keeps it, not as text.
        session.Execute("SET arrow_lossless_conversion = true");
        // Instants are written in UTC (the CSV's text, the Arrow file's zone) whatever the machine's zone is.
        session.Execute("SET TimeZone = 'UTC'");
        session.Execute("SET lock_configuration = true");
        return session;
    }

    public void Execute(string sql, params object?[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    public DuckDBCommand Command(string sql, params object?[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter ?? DBNull.Value));
        return command;
    }

    public void Dispose() => _connection.Dispose();
}
