namespace Lake.Contracts.Registers;

/// <summary>
/// A register of the lake: its name (also its folder), what it holds, its columns, the column that
/// dates each event (used for partitioning and for periods in requests) and the systems that feed it.
/// Read from a register file (<c>registers/NAME.yaml</c>, see <see cref="RegisterFile"/>); the
/// version says which shape of the register a batch was written with or a delivery read.
/// </summary>
public sealed record RegisterDefinition
{
    /// <summary>The register pseudonym of the patient, 16 bytes; differs per register for the same person.</summary>
    public const string PseudonymColumn = "pseudonym";

    /// <summary>Which generation of register keys produced <see cref="PseudonymColumn"/>.</summary>
    public const string KeyIdColumn = "key_id";

    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    /// <summary>Grows by one with every change to the columns; see docs/registers.md for the changes allowed.</summary>
    public int Version { get; init; } = 1;

    public RegisterKind Kind { get; init; } = RegisterKind.PatientRegister;

    /// <summary>Columns Lake stores for this register, after the pseudonym and key id.</summary>
    public required IReadOnlyList<RegisterColumn> Columns { get; init; }

    /// <summary>The date or time stamp column that places a row in a year; null for registers without events.</summary>
    public string? EventColumn { get; init; }

    /// <summary>The column that ends a period begun by <see cref="EventColumn"/>, e.g. discharge; it should not come first.</summary>
    public string? EndColumn { get; init; }

    /// <summary>Whether partitions are split by the event's year under each source (they always are by source).</summary>
    public bool PartitionByYear { get; init; }

    /// <summary>Registers whose rows may never be delivered in one file with this register's.</summary>
    public IReadOnlyList<string> NeverCombinedWith { get; init; } = [];

    /// <summary>For registers of measurements (code, value, unit, time): the columns that play those parts, so criteria can filter on them.</summary>
    public MeasurementColumns? Measurement { get; init; }

    public required IReadOnlyList<SourceCoverage> Sources { get; init; }

    /// <summary>
    /// Columns that, with the patient, identify one event whichever system recorded it: where
    /// systems overlap (Uranus and Apotti during the migration) rows with the same key are the
    /// same event, delivered once. Empty for registers with one row per patient and source.
    /// </summary>
    public IReadOnlyList<string> EventKey { get; init; } = [];

    /// <summary>
    /// Source systems from most to least preferred when the same event comes from several: the
    /// later system in the catalog's order (the successor, or the specialised system) wins.
    /// </summary>
    public IReadOnlyList<string> SourcePrecedence => Sources.Select(s => s.System).Distinct().Reverse().ToList();

    /// <summary>For quality registries: patients in the registry as the catalog states it.</summary>
    public int? ApproximatePatients { get; init; }

    /// <summary>The columns as stored: pseudonym and key id first, then the register's own.</summary>
    public IEnumerable<RegisterColumn> StoredColumns =>
        new[]
        {
            new RegisterColumn(PseudonymColumn, ColumnType.Pseudonym, true, "Register pseudonym of the patient."),
            new RegisterColumn(KeyIdColumn, ColumnType.BigInt, true, "Key generation of the pseudonym."),
        }.Concat(Columns);

    /// <summary>Columns that hold hand-written text (see <see cref="RegisterColumn.FreeText"/>).</summary>
    public IEnumerable<RegisterColumn> FreeTextColumns => Columns.Where(c => c.FreeText);

    /// <summary>The file the definition was read from, for messages.</summary>
    public string? Origin { get; init; }

    /// <summary>The register file's text, kept so the lake can hold a copy of every version it used.</summary>
    public string? FileText { get; init; }

    public RegisterColumn? FindColumn(string name) =>
        StoredColumns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>A column by its name or one of its earlier names.</summary>
    public RegisterColumn? FindColumnOrAlias(string name) =>
        FindColumn(name) ?? Columns.FirstOrDefault(c => c.Aliases.Contains(name, StringComparer.Ordinal));
}
