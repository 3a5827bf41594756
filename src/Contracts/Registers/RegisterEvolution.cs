namespace Lake.Contracts.Registers;

/// <summary>
/// What may change between two versions of a register, so that every batch already written stays
/// readable under the new one: add a column (older batches read it as null), widen a type (integer
/// to bigint or double, date to timestamp), rename through an alias, deprecate a column. Narrowing a
/// type, changing a column between free text and coded, removing a column or an alias, and moving
/// the event column or the partitioning are refused: each would make existing data unreadable or
/// deliver it under other rules.
/// </summary>
public static class RegisterEvolution
{
    private static readonly HashSet<(ColumnType From, ColumnType To)> Widenings =
    [
        (ColumnType.Integer, ColumnType.BigInt),
        (ColumnType.Integer, ColumnType.Double),
        (ColumnType.BigInt, ColumnType.Double),
        (ColumnType.Date, ColumnType.Timestamp),
    ];

    /// <summary>Whether a column of <paramref name="from"/> may become <paramref name="to"/> and still read its older batches.</summary>
    public static bool Widens(ColumnType from, ColumnType to) => from == to || Widenings.Contains((from, to));

    /// <summary>Every difference from <paramref name="older"/> to <paramref name="newer"/>, allowed and refused, in column order.</summary>
    public static IReadOnlyList<RegisterChange> Compare(RegisterDefinition older, RegisterDefinition newer)
    {
        var changes = new List<RegisterChange>();
        if (older.Name != newer.Name)
        {
            changes.Add(new RegisterChange("", $"register '{older.Name}' became '{newer.Name}'", "",
                "A register's name is its folder in the lake; define a new register instead."));
            return changes;
        }

        foreach (var column in older.Columns)
        {
            var successor = newer.FindColumn(column.Name) ?? newer.Columns.FirstOrDefault(c => c.Aliases.Contains(column.Name, StringComparer.Ordinal));
            if (successor is null)
            {
                changes.Add(new RegisterChange(column.Name, $"remove column {column.Name}", "",
                    $"Batches written with version {older.Version} hold it. Keep the column and set 'deprecated: true': it stays readable and is no longer written."));
                continue;
            }

            if (successor.Name != column.Name)
                changes.Add(new RegisterChange(column.Name, $"rename {column.Name} to {successor.Name}", $"batches written as {column.Name} are read as {successor.Name}"));
            foreach (var alias in column.Aliases.Where(a => !successor.Aliases.Contains(a, StringComparer.Ordinal)))
            {
                changes.Add(new RegisterChange(column.Name, $"drop alias {alias} of {column.Name}", "",
                    $"Batches written under the name {alias} would no longer be read; keep the alias."));
            }

            if (successor.Type != column.Type)
            {
                var types = $"{RegisterFileReader.TypeName(column.Type)} to {RegisterFileReader.TypeName(successor.Type)}";
                changes.Add(Widens(column.Type, successor.Type)
                    ? new RegisterChange(column.Name, $"widen {successor.Name} from {types}", "existing values are read unchanged in the wider type")
                    : new RegisterChange(column.Name, $"change {successor.Name} from {types}", "",
                        Widens(successor.Type, column.Type)
                            ? $"Narrowing would cut values batches already hold. Add a new column of type {RegisterFileReader.TypeName(successor.Type)} and deprecate this one."
                            : $"Values batches already hold are not {RegisterFileReader.TypeName(successor.Type)}s. Add a new column and deprecate this one."));
            }

            if (successor.Type == column.Type && !Equals(successor.Decimal, column.Decimal))
            {
                // The lake stores both as doubles, so every batch reads unchanged; only the delivered type differs.
                changes.Add(new RegisterChange(column.Name, $"deliver {successor.Name} as {RegisterFileReader.TypeName(successor)} instead of {RegisterFileReader.TypeName(column)}",
                    successor.Decimal is { } shape
                        ? $"stored values are unchanged and delivered rounded to {shape.Scale} decimals; new values with more digits are refused"
                        : "stored values are unchanged and delivered as doubles"));
            }

            if (successor.FreeText != column.FreeText)
            {
                changes.Add(new RegisterChange(column.Name, $"make {successor.Name} {(successor.FreeText ? "free text" : "coded")}", "",
                    "Free text is delivered only under a free-text permit and scrubbed; coded values are not. Changing it would deliver the same values under other rules: add a new column instead."));
            }

            if (successor.Deprecated && !column.Deprecated)
                changes.Add(new RegisterChange(column.Name, $"deprecate {successor.Name}", "batches that hold it stay readable; descriptors can no longer write it"));
            if (!successor.Deprecated && column.Deprecated)
                changes.Add(new RegisterChange(column.Name, $"write {successor.Name} again", "descriptors may write it again"));
            if (successor.Required && !column.Required)
                changes.Add(new RegisterChange(column.Name, $"require {successor.Name}", "new batches must fill it; older batches may hold rows without it"));
            if (!successor.Required && column.Required)
                changes.Add(new RegisterChange(column.Name, $"make {successor.Name} optional", "new batches may leave it empty"));
        }

        foreach (var column in newer.Columns.Where(c => older.FindColumn(c.Name) is null && !c.Aliases.Any(a => older.FindColumn(a) is not null)))
            changes.Add(new RegisterChange(column.Name, $"add column {column.Name} ({RegisterFileReader.TypeName(column)})", "batches written before it read it as null"));

        if (older.EventColumn != newer.EventColumn && newer.FindColumnOrAlias(older.EventColumn ?? "")?.Name != newer.EventColumn)
        {
            changes.Add(new RegisterChange("", $"move the event column from {older.EventColumn ?? "none"} to {newer.EventColumn ?? "none"}", "",
                "Existing partitions are dated by the old event column; define a new register for the other dating."));
        }

        if (older.PartitionByYear != newer.PartitionByYear)
            changes.Add(new RegisterChange("", "change the partitioning", "", "Existing partitions are laid out the old way; define a new register instead."));
        if (older.Kind != newer.Kind)
            changes.Add(new RegisterChange("", "change the kind", "", "A quality registry and a patient register are permitted and counted differently; define a new register instead."));

        var kept = newer.Columns.Where(c => older.FindColumn(c.Name) is not null).Select(c => c.Name);
        if (!kept.SequenceEqual(older.Columns.Select(c => c.Name).Where(n => newer.FindColumn(n) is not null), StringComparer.Ordinal))
            changes.Add(new RegisterChange("", "reorder the columns", "deliveries list the columns in the new order"));

        var shapeChanged = changes.Count > 0;
        if (newer.Version < older.Version)
            changes.Add(new RegisterChange("", $"version {older.Version} to {newer.Version}", "", "A register's version never goes back; give the new file a later version."));
        else if (shapeChanged && newer.Version == older.Version)
            changes.Add(new RegisterChange("", $"columns changed within version {older.Version}", "", $"Batches already written with version {older.Version} have the old shape; give the file version {older.Version + 1}."));
        return changes;
    }

    /// <summary>Whether the versions have the same columns and layout: what one version number promises.</summary>
    public static bool SameShape(RegisterDefinition a, RegisterDefinition b) =>
        a.Name == b.Name && a.Kind == b.Kind && a.EventColumn == b.EventColumn && a.PartitionByYear == b.PartitionByYear
        && a.Columns.Count == b.Columns.Count && a.Columns.Zip(b.Columns).All(p => p.First.SameShapeAs(p.Second));
}
