using Lake.Coordinator.Audit.Merkle;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.Audit;

/// <summary>
/// The audit log's complete Merkle subtrees in the <c>audit_tree</c> table, read and written on
/// the connection (and in the transaction) of one append, so that an append costs O(log n) rows
/// instead of reading the whole log.
/// </summary>
internal sealed class AuditTreeNodes : IMerkleNodes, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _add;
    private long? _leafCount;

    public AuditTreeNodes(SqliteConnection connection)
    {
        _connection = connection;
        _get = Command("SELECT hash FROM audit_tree WHERE level = $level AND position = $position");
        _add = Command("INSERT INTO audit_tree (level, position, hash) VALUES ($level, $position, $hash)");
        _add.Parameters.Add("$hash", SqliteType.Blob);
    }

    public long LeafCount
    {
        get
        {
            if (_leafCount is null)
            {
                using var count = _connection.CreateCommand();
                count.CommandText = "SELECT COALESCE(MAX(position) + 1, 0) FROM audit_tree WHERE level = 0";
                _leafCount = (long)count.ExecuteScalar()!;
            }

            return _leafCount.Value;
        }
    }

    public byte[] Get(int level, long index)
    {
        _get.Parameters["$level"].Value = level;
        _get.Parameters["$position"].Value = index;
        return _get.ExecuteScalar() as byte[] ?? throw new InvalidDataException($"The audit log's Merkle tree has no node {index} at level {level}.");
    }

    public void Add(int level, long index, byte[] hash)
    {
        _add.Parameters["$level"].Value = level;
        _add.Parameters["$position"].Value = index;
        _add.Parameters["$hash"].Value = hash;
        _add.ExecuteNonQuery();
        if (level == 0)
            _leafCount = index + 1;
    }

    /// <summary>Empties the cache, to be filled again from the entries.</summary>
    public void Clear()
    {
        using var clear = _connection.CreateCommand();
        clear.CommandText = "DELETE FROM audit_tree";
        clear.ExecuteNonQuery();
        _leafCount = 0;
    }

    public void Dispose()
    {
        _get.Dispose();
        _add.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$level", SqliteType.Integer);
        command.Parameters.Add("$position", SqliteType.Integer);
        return command;
    }
}
