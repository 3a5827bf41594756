using Lake.Contracts.Registers;

namespace Lake.Extract.Querying;

/// <summary>
/// The view of one register over its committed Parquet files, in the shape of the register version
/// the session reads with. Batches written with that version are read as they are. Where batches of
/// other versions are mixed in, the files are read by column name (DuckDB's <c>union_by_name</c>)
/// and projected: a column added since reads as null in older batches, a widened column is cast to
/// its wider type, a renamed column is read under its new name from the alias older batches use,
/// and a column the version does not define is left out.
/// </summary>
internal static class RegisterView
{
    /// <summary>Partition keys Lake writes into every file path (see <c>LakeLayout.PartitionPath</c>).</summary>
    private static readonly string[] PartitionColumns = ["source", "year"];

    public static void Create(LakeQuerySession session, RegisterDefinition register, LakeSnapshot snapshot)
    {
        // The file list comes from commit records Lake wrote itself, never from a request.
        var files = string.Join(", ", snapshot.FilesOf(register.Name).Select(SqlText.Literal));
        var name = SqlText.Identifier(register.Name);
        if (snapshot.BatchesOf(register.Name).All(b => b.RegisterVersion == register.Version))
        {
            session.Execute($"CREATE VIEW {name} AS SELECT * FROM read_parquet([{files}], hive_partitioning = true)");
            return;
        }

        var source = $"read_parquet([{files}], hive_partitioning = true, union_by_name = true)";
        var stored = StoredTypes(session, source);
        var projection = register.StoredColumns.Select(c => Project(c, stored))
            .Concat(PartitionColumns.Where(stored.ContainsKey).Select(SqlText.Identifier));
        session.Execute($"CREATE VIEW {name} AS SELECT {string.Join(", ", projection)} FROM {source}");
    }

    private static Dictionary<string, string> StoredTypes(LakeQuerySession session, string source)
    {
        using var command = session.Command($"DESCRIBE SELECT * FROM {source}");
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
            types[reader.GetString(0)] = reader.GetString(1);
        return types;
    }

    private static string Project(RegisterColumn column, Dictionary<string, string> stored)
    {
        var target = SqlText.Identifier(column.Name);
        var present = column.Aliases.Prepend(column.Name).Where(stored.ContainsKey).ToList();
        if (column.Name is RegisterDefinition.PseudonymColumn or RegisterDefinition.KeyIdColumn || (present.Count == 1 && present[0] == column.Name && Fits(stored[column.Name], column.Type)))
            return target;
        if (present.Count == 0)
            return $"CAST(NULL AS {SqlType(column.Type)}) AS {target}";
        var reads = present.Select(p => Fits(stored[p], column.Type) ? SqlText.Identifier(p) : $"CAST({SqlText.Identifier(p)} AS {SqlType(column.Type)})").ToList();
        return (reads.Count == 1 ? reads[0] : $"COALESCE({string.Join(", ", reads)})") + " AS " + target;
    }

    /// <summary>Whether the type DuckDB reads from the files is already the register's.</summary>
    private static bool Fits(string storedType, ColumnType type) =>
        type == ColumnType.Timestamp ? storedType.StartsWith("TIMESTAMP", StringComparison.Ordinal) : storedType == SqlType(type);

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Integer => "INTEGER",
        ColumnType.BigInt => "BIGINT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Pseudonyms are never projected."),
    };
}
