using Lake.Cli;
using Lake.Contracts.Ingest;
using Lake.Synthetic;
using Lake.Testing;

namespace Lake.Hosting.Tests;

/// <summary>
/// A data folder whose feeds folder holds synthetic feeds, each with the <see cref="IngestFeed"/>
/// that names it, and a key ring beside it: what ingest workers sharing storage see.
/// </summary>
internal sealed class LandedFeeds : IDisposable
{
    private readonly TempDirectory _root = new("lake-workers");

    private LandedFeeds(IReadOnlySet<string> feeds, int patients)
    {
        Data = Path.Combine(_root.Path, "data");
        KeyRingPath = Path.Combine(_root.Path, "keys", "keyring.json");
        Sources = SourceFolder.Resolve(null);
        Workspace = new Workspace(Data, KeyRingPath);
        // Every worker opens the same key ring; it is created once, before any of them starts.
        _ = Workspace.KeyRing;

        // A folder of this run's own, so a message a crashed earlier run left on a shared broker names no feed here.
        Batch = "landed-" + Guid.NewGuid().ToString("N")[..8];
        Truth = FeedGenerator.Write(Path.Combine(Workspace.FeedsFolder, Batch), new SynthOptions { Patients = patients, Seed = 11, Feeds = feeds });
        Messages = Truth.Feeds
            .Select(feed => new IngestFeed
            {
                FeedPath = $"{Batch}/{feed.FileName}",
                Descriptor = DescriptorName(Ingestion.DescriptorFor(Sources, feed.SourceSystem, feed.Register)),
            })
            .ToList();
    }

    public string Data { get; }

    public string KeyRingPath { get; }

    public string Sources { get; }

    public string Batch { get; }

    public Workspace Workspace { get; }

    public SyntheticLakeTruth Truth { get; }

    /// <summary>One message per feed.</summary>
    public IReadOnlyList<IngestFeed> Messages { get; }

    public static LandedFeeds Write(int patients, params string[] feeds) => new(feeds.ToHashSet(StringComparer.Ordinal), patients);

    public string DescriptorName(string descriptorPath) =>
        Path.ChangeExtension(Path.GetRelativePath(Sources, descriptorPath), null).Replace(Path.DirectorySeparatorChar, '/');

    public void Dispose() => _root.Dispose();
}
