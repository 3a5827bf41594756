using System.Globalization;
using DuckDB.NET.Data;
using Lake.Extract.Querying;

namespace Lake.Extract.Omop;

/// <summary>
/// An in-memory DuckDB that reads only the delivery being completed and the vocabulary folder, and
/// writes only the delivery: the OMOP tables are built from the delivered files, nothing else.
/// </summary>
internal sealed class OmopSession : IDisposable
{
    public const string Schema = "cdm";

    private readonly DuckDBConnection _connection;

    public OmopSession(IEnumerable<string> folders)
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        var allowed = folders.Select(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        Execute($"SET allowed_directories = [{string.Join(", ", allowed.Select(SqlText.Literal))}]");
        Execute("SET memory_limit = '2GB'");
        Execute("SET autoinstall_known_extensions = false");
        Execute("SET autoload_known_extensions = false");
        Execute("SET enable_external_access = false");
        // Instants in the delivery are UTC; a TIMESTAMPTZ cast to the CDM's TIMESTAMP must not take the host's zone.
        Execute("SET TimeZone = 'UTC'");
        Execute("SET lock_configuration = true");
        Execute($"CREATE SCHEMA {Schema}");
    }

    public void Execute(string sql, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    public long Count(string sql, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    public string? Text(string sql, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Column names of a query's result, in order.</summary>
    public HashSet<string> Columns(string sql, params object[] parameters)
    {
        using var command = Command($"SELECT column_name FROM (DESCRIBE {sql})", parameters);
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    private DuckDBCommand Command(string sql, object[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter));
        return command;
    }

    public void Dispose() => _connection.Dispose();
}
