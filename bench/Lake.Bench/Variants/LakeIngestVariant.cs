extern alias Shipped;

using System.Diagnostics;
using Lake.Bench.Reporting;
using Lake.Contracts.Lake;
using Lake.Pseudonymization;
using Shipped::Lake.Ingest;
using Shipped::Lake.Ingest.Descriptors;

namespace Lake.Bench.Variants;

/// <summary>Lake's own ingest, exactly as `lake ingest` runs it: shipped assembly and descriptor, fresh lake, fresh key ring.</summary>
internal static class LakeIngestVariant
{
    public static async Task<VariantResult> RunAsync(string feed, string work, string repositoryRoot, int? rowGroupSize)
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(repositoryRoot, "sources", "multilab-laboratory.yaml"));
        var keyRing = KeyRing.OpenOrCreate(Path.Combine(work, "keyring", "keyring.json"));
        var lakeRoot = Path.Combine(work, "lake");
        var layout = new LakeLayout(lakeRoot);
        var pseudonymizer = new Pseudonymizer(keyRing);
        // A row group size is given only to try other sizes; without one, Lake's own default applies.
        var ingestor = rowGroupSize is { } size
            ? new FeedIngestor(layout, pseudonymizer, keyRing) { RowGroupSize = size }
            : new FeedIngestor(layout, pseudonymizer, keyRing);

        var stopwatch = Stopwatch.StartNew();
        var result = await ingestor.IngestAsync(descriptor, feed);
        stopwatch.Stop();

        var commit = result.Commit;
        return ChildMeasurement.Complete(VariantNames.Lake, feed, commit.RowsRead, commit.RowsWritten, commit.RowsQuarantined, stopwatch.Elapsed, lakeRoot);
    }
}
