using Lake.Contracts.Lake;
using Microsoft.Data.Sqlite;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// The control-plane database (permits, requests, outbox, audit log, differencing ledger): one
/// SQLite file, owner-only, in WAL mode. The schema, tables and triggers alike, is created once,
/// here, when the data source is made; the stores that read and write it take this and open their
/// connections from it. A link planted as the control folder or one of the database's files is
/// refused before SQLite opens it (<see cref="SqliteDatabaseFiles"/>).
/// </summary>
public sealed class ControlPlaneDataSource
{
    private readonly string _connectionString;

    /// <exception cref="Contracts.Files.RefusedPathException">The control folder or a file of the database is a symbolic link.</exception>
    public ControlPlaneDataSource(string databasePath)
    {
        DatabasePath = SqliteDatabaseFiles.Prepare(databasePath);
        // SQLite gives its -wal, -shm and -journal files the mode of the database file.
        OwnerOnly.CreateEmptyFile(DatabasePath);
        OwnerOnly.Restrict(DatabasePath);
        // No pooling: a closed connection leaves no handle on a file that a test or an operator removes.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        MoveOldLedger(connection);
    }

    public string DatabasePath { get; }

    /// <summary>An opened connection; the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>An opened connection; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static bool OldLedgerLeft(SqliteConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'preliminary_ledger'";
        return (long)exists.ExecuteScalar()! > 0;
    }

    // IF NOT EXISTS throughout: an existing database (and every database written before the schema
    // lived here) opens unchanged.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS permit_versions (
            permit_id TEXT NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL, change TEXT NOT NULL, document TEXT NOT NULL,
            PRIMARY KEY (permit_id, version));
        CREATE TABLE IF NOT EXISTS requests (
            id TEXT PRIMARY KEY, permit_id TEXT, requested_by TEXT NOT NULL, specification TEXT NOT NULL,
            state TEXT NOT NULL, reason TEXT, delivery_folder TEXT, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS request_events (
            request_id TEXT NOT NULL, at TEXT NOT NULL, state TEXT NOT NULL, detail TEXT);
        CREATE TABLE IF NOT EXISTS outbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, message_type TEXT NOT NULL,
            body TEXT NOT NULL, created_at TEXT NOT NULL, sent_at TEXT, trace_parent TEXT);
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (sequence) WHERE sent_at IS NULL;
        CREATE TABLE IF NOT EXISTS extraction_plans (
            request_id TEXT PRIMARY KEY, batches TEXT NOT NULL, planned_at TEXT NOT NULL, progressed_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS extraction_tasks (
            request_id TEXT NOT NULL, position INTEGER NOT NULL, dataset TEXT NOT NULL, outbox_sequence INTEGER NOT NULL,
            files TEXT, completed_at TEXT, PRIMARY KEY (request_id, dataset));
        CREATE TABLE IF NOT EXISTS audit (
            sequence INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            subject TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        -- Each entry's HMAC under the key ring's audit key (a table of its own, so that entries written
        -- before entries were sealed could be sealed without an update).
        CREATE TABLE IF NOT EXISTS audit_seals (sequence INTEGER PRIMARY KEY, seal BLOB NOT NULL);
        CREATE TRIGGER IF NOT EXISTS audit_seals_no_update BEFORE UPDATE ON audit_seals BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_seals_no_delete BEFORE DELETE ON audit_seals BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        -- The complete subtrees of the audit log's Merkle tree: a cache of what the entries determine,
        -- rebuilt from them when it does not fit (verification never reads it), so no triggers.
        CREATE TABLE IF NOT EXISTS audit_tree (level INTEGER NOT NULL, position INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, position)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS preliminary_answers (id INTEGER PRIMARY KEY, user TEXT NOT NULL, at TEXT NOT NULL, title TEXT NOT NULL, outcome TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS preliminary_answers_by_user ON preliminary_answers (user, at);
        CREATE TABLE IF NOT EXISTS preliminary_cells (answer INTEGER NOT NULL, cell TEXT NOT NULL, tokens BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS preliminary_cells_by_answer ON preliminary_cells (answer);
        """;

    /// <summary>
    /// The ledger of earlier versions kept one cohort per answer (table preliminary_ledger): its
    /// answers move into the answers and cells tables, as cohort cells, so no history is forgotten.
    /// </summary>
    private static void MoveOldLedger(SqliteConnection connection)
    {
        if (!OldLedgerLeft(connection))
            return;

        using var move = connection.CreateCommand();
        move.CommandText = """
            BEGIN IMMEDIATE;
            INSERT INTO preliminary_answers (user, at, title, outcome) SELECT user, at, title, 'answered:' || rowid FROM preliminary_ledger;
            INSERT INTO preliminary_cells (answer, cell, tokens)
                SELECT a.id, 'cohort', l.tokens FROM preliminary_ledger l JOIN preliminary_answers a ON a.outcome = 'answered:' || l.rowid;
            UPDATE preliminary_answers SET outcome = 'answered' WHERE outcome LIKE 'answered:%';
            DROP TABLE preliminary_ledger;
            COMMIT;
            """;
        try
        {
            move.ExecuteNonQuery();
        }
        catch (SqliteException) when (!OldLedgerLeft(connection))
        {
            // Another process opening the database moved it first.
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            try
            {
                rollback.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // No transaction was left open.
            }
        }
    }
}
