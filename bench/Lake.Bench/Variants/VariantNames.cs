namespace Lake.Bench.Variants;

/// <summary>The ways of doing the same ingest that the benchmark compares; each runs in its own child process.</summary>
internal static class VariantNames
{
    public const string Lake = "lake";
    public const string DuckDbPlain = "duckdb-plain";
    public const string DuckDbPseudonym = "duckdb-pseudonym";
    public const string DuckDbPlainOneThread = "duckdb-plain-1thread";

    /// <summary>Lake with its keys in a PKCS#11 token; asked for by name only, because it needs a token (run-ingest.sh makes a SoftHSM one).</summary>
    public const string LakePkcs11 = "lake-pkcs11";

    public static readonly IReadOnlyList<string> All = [Lake, DuckDbPlain, DuckDbPseudonym, DuckDbPlainOneThread];

    public static string Describe(string name) => name switch
    {
        Lake => "FeedIngestor.IngestAsync, sources/multilab-laboratory.yaml: validation, pseudonyms, year partitions, zstd Parquet",
        DuckDbPlain => "DuckDB COPY (read_csv) TO Parquet PARTITION_BY year, zstd; no validation, identity code kept",
        DuckDbPseudonym => "as duckdb-plain, identity code replaced by sha256(key || HETU) in SQL",
        DuckDbPlainOneThread => "as duckdb-plain with SET threads = 1 (Lake's ingest runs on one thread)",
        LakePkcs11 => "as lake, keys in a PKCS#11 token (SoftHSM): the identity HMAC runs inside the token once per person, the register key is derived inside it",
        _ => throw new ArgumentException($"Unknown variant '{name}'; known: {string.Join(", ", All)}, {LakePkcs11}.", nameof(name)),
    };
}
