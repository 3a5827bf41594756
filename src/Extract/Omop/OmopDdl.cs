namespace Lake.Extract.Omop;

/// <summary>
/// OHDSI's own DuckDB DDL of the CDM 5.4 (OMOPCDM_duckdb_5.4_ddl.sql, shipped inside the assembly):
/// the delivered tables are created from it and filled by name, so their columns are the DDL's in
/// names, order and types, with nothing retyped by hand.
/// </summary>
internal static class OmopDdl
{
    private const string ResourceName = "Lake.Extract.Omop.OMOPCDM_duckdb_5.4_ddl.sql";
    private const string SchemaPlaceholder = "@cdmDatabaseSchema";

    /// <summary>The DDL with its schema placeholder replaced by <paramref name="schema"/>.</summary>
    public static string For(string schema)
    {
        using var stream = typeof(OmopDdl).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The OMOP CDM DDL resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace(SchemaPlaceholder, schema, StringComparison.Ordinal);
    }
}
