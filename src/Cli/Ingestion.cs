using Lake.Ingest;
using Lake.Ingest.Descriptors;

namespace Lake.Cli;

/// <summary>Ingests feeds into a workspace's lake, finding each feed's descriptor by its system and register.</summary>
internal static class Ingestion
{
    public static Task<IngestResult> IngestAsync(Workspace workspace, string descriptorPath, string feedPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var descriptor = SourceDescriptorLoader.Load(descriptorPath, workspace.Registers);
        var ingestor = new FeedIngestor(workspace.Layout, workspace.CreatePseudonymizer(), workspace.Keys, workspace.Time) { Registers = workspace.Registers };
        return ingestor.IngestAsync(descriptor, feedPath, progress, cancellationToken);
    }

    /// <summary>The descriptor of a system's register, in the sources folder or a folder in it (quality-registries/ holds one per registry).</summary>
    public static string DescriptorFor(string sourcesFolder, string system, string register) =>
        Directory.EnumerateDirectories(sourcesFolder).Order(StringComparer.Ordinal).Prepend(sourcesFolder)
            .SelectMany(folder => SourceDescriptorLoader.LoadFolder(folder))
            .FirstOrDefault(d => d.System == system && d.Register == register)?.Origin
        ?? throw new DescriptorException($"No descriptor in {sourcesFolder} for system '{system}' and register '{register}'.");
}
