using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Pseudonymization;

namespace Lake.Bench.Profiling;

/// <summary>What every profiled pass shares: the shipped descriptor, its register, a fresh key ring.</summary>
internal sealed class ProfileContext
{
    private ProfileContext(string feed, string work, SourceDescriptor descriptor, KeyRing keyRing)
    {
        Feed = feed;
        Work = work;
        Descriptor = descriptor;
        Register = RegisterCatalog.Shipped.Get(descriptor.Register);
        KeyRing = keyRing;
        Pseudonymizer = new Pseudonymizer(keyRing);
    }

    public string Feed { get; }

    public string Work { get; }

    public SourceDescriptor Descriptor { get; }

    public RegisterDefinition Register { get; }

    public KeyRing KeyRing { get; }

    public Pseudonymizer Pseudonymizer { get; }

    /// <summary>FeedIngestor's default; the profile measures Lake as it ships.</summary>
    public int RowGroupSize { get; } = 128 * 1024;

    public static ProfileContext Create(string feed, string work, string repositoryRoot)
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(repositoryRoot, "sources", "multilab-laboratory.yaml"));
        var keyRing = KeyRing.OpenOrCreate(Path.Combine(work, "keyring", "keyring.json"), TimeProvider.System);
        return new ProfileContext(feed, work, descriptor, keyRing);
    }

    /// <summary>A fresh, empty folder under the work folder.</summary>
    public string Folder(string name)
    {
        var folder = Path.Combine(Work, name);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
