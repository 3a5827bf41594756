extern alias Shipped;

using System.Diagnostics;
using Lake.Bench.Reporting;
using Lake.Contracts.Lake;
using Lake.Pseudonymization;
using Lake.Pseudonymization.Pkcs11;
using Shipped::Lake.Ingest;
using Shipped::Lake.Ingest.Descriptors;

namespace Lake.Bench.Variants;

/// <summary>
/// Lake's own ingest, exactly as `lake ingest` runs it: shipped assembly and descriptor, fresh lake, fresh key ring;
/// or fresh keys on the PKCS#11 token named by LAKE_BENCH_PKCS11_MODULE, _TOKEN and _PIN_FILE (run-ingest.sh makes one).
/// </summary>
internal static class LakeIngestVariant
{
    public static async Task<VariantResult> RunAsync(string variant, string feed, string work, string repositoryRoot, int? rowGroupSize)
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(repositoryRoot, "sources", "multilab-laboratory.yaml"));
        // The token's keys are made before the clock starts, as the key ring is: both are the lake's, not the batch's.
        using var token = variant == VariantNames.LakePkcs11 ? OpenToken(Path.Combine(work, "keyring", "study-keys.json")) : null;
        IKeyStore keys = token ?? (IKeyStore)KeyRing.OpenOrCreate(Path.Combine(work, "keyring", "keyring.json"), TimeProvider.System);
        var lakeRoot = Path.Combine(work, "lake");
        var layout = new LakeLayout(lakeRoot);
        var pseudonymizer = new Pseudonymizer(keys);
        // A row group size is given only to try other sizes; without one, Lake's own default applies.
        var ingestor = rowGroupSize is { } size
            ? new FeedIngestor(layout, pseudonymizer, keys, TimeProvider.System) { RowGroupSize = size }
            : new FeedIngestor(layout, pseudonymizer, keys, TimeProvider.System);

        var stopwatch = Stopwatch.StartNew();
        var result = await ingestor.IngestAsync(descriptor, feed);
        stopwatch.Stop();

        var commit = result.Commit;
        return ChildMeasurement.Complete(variant, feed, commit.RowsRead, commit.RowsWritten, commit.RowsQuarantined, stopwatch.Elapsed, lakeRoot);
    }

    private static Pkcs11KeyStore OpenToken(string studyKeyFile)
    {
        static string Setting(string name) => Environment.GetEnvironmentVariable(name)
            ?? throw new InvalidOperationException($"{VariantNames.LakePkcs11} needs {name}; bench/run-ingest.sh sets it with a private SoftHSM token.");

        return Pkcs11KeyStore.Open(new Pkcs11KeyStoreOptions
        {
            Module = Setting("LAKE_BENCH_PKCS11_MODULE"),
            TokenLabel = Setting("LAKE_BENCH_PKCS11_TOKEN"),
            PinFile = Setting("LAKE_BENCH_PKCS11_PIN_FILE"),
            LabelPrefix = "bench-" + Guid.NewGuid().ToString("N")[..12],
        }, studyKeyFile, TimeProvider.System);
    }
}
