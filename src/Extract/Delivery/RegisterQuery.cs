using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Extract.Querying;

namespace Lake.Extract.Delivery;

/// <summary>
/// The DuckDB statement that gathers one register's delivered rows for the cohort into the temporary
/// table <see cref="Table"/>, with its positional parameters. It reads the session's <c>cohort</c>
/// table and the register's pseudonym map (see <c>PseudonymMap</c>), both loaded before it runs.
/// </summary>
internal sealed record RegisterQuery(string Table, string Sql, IReadOnlyList<object?> Parameters)
{
    public static RegisterQuery For(RegisterDefinition register, DatasetRequest dataset, DeliveryOptions delivery, string pseudonymMap)
    {
        var columns = DeliveredColumns.Of(register, dataset, delivery)
            .Select(c => c.Type is ColumnType.Date or ColumnType.Timestamp
                ? $"{DeliveredDates.Column("r." + SqlText.Identifier(c.Name), c.Type, delivery, "c.shift_days")} AS {SqlText.Identifier(c.Name)}"
                : c.Decimal is { } shape
                    // Stored as a double (see DecimalShape); delivered as the decimal the source wrote.
                    ? $"CAST(r.{SqlText.Identifier(c.Name)} AS {shape.SqlType}) AS {SqlText.Identifier(c.Name)}"
                    : "r." + SqlText.Identifier(c.Name));
        var conditions = new List<string>();
        var parameters = new List<object?>();
        if (register.EventColumn is not null)
        {
            conditions.Add($"r.{SqlText.Identifier(register.EventColumn)} >= $1 AND r.{SqlText.Identifier(register.EventColumn)} < $2");
            parameters.Add(dataset.From?.ToDateTime(TimeOnly.MinValue) ?? new DateTime(1900, 1, 1));
            parameters.Add(dataset.To?.AddDays(1).ToDateTime(TimeOnly.MinValue) ?? new DateTime(2101, 1, 1));
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        // Filters, terms and specialties judge each event by its delivered copy: applied after the
        // choice between overlapping systems, so a match in a copy that is not delivered selects nothing.
        var chosen = string.Concat(DatasetConditions.For(register, dataset, parameters).Select(c => " AND " + c));

        // A total order (event time first, then every column) so that a replay writes identical files.
        var order = string.Concat((register.EventColumn is null ? [] : new[] { register.EventColumn })
            .Concat(register.Columns.Select(c => c.Name)).Distinct().Select(c => ", r." + SqlText.Identifier(c)));
        var table = "extract_" + register.Name;
        // The source system stays with each row: where Uranus and Apotti overlap, researchers see the lineage.
        var sql =
            $"""
            CREATE OR REPLACE TEMP TABLE {SqlText.Identifier(table)} AS
            SELECT c.{DatasetTask.StudyPseudonymColumn}, {string.Join(", ", columns)}, r.source AS source_system
            FROM {SqlText.Identifier(register.Name)} r
            JOIN {SqlText.Identifier(pseudonymMap)} m ON r.pseudonym = m.pseudonym AND r.key_id = m.key_id
            JOIN cohort c ON c.member = m.member
            {where}
            QUALIFY {OverlappingSources.DeliveredCopy(register)}{chosen}
            ORDER BY c.{DatasetTask.StudyPseudonymColumn}{order}
            """;
        return new RegisterQuery(table, sql, parameters);
    }

    public void Execute(LakeQuerySession session) => session.Execute(Sql, [.. Parameters]);
}
