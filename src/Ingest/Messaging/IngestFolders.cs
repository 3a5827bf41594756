namespace Lake.Ingest.Messaging;

/// <summary>
/// The folders an ingest worker reads from: feeds land in one, descriptors are shipped in the
/// other. Messages name files relative to them, and nothing outside them is ever opened.
/// </summary>
public sealed class IngestFolders(string feedsFolder, string sourcesFolder)
{
    private static readonly string[] DescriptorExtensions = [".yaml", ".yml", ".json"];

    public string FeedsFolder { get; } = Path.GetFullPath(feedsFolder);

    public string SourcesFolder { get; } = Path.GetFullPath(sourcesFolder);

    /// <summary>The full path of a feed named relative to the feeds folder.</summary>
    public string FeedFile(string relativePath) => Inside(FeedsFolder, relativePath, "feed");

    /// <summary>A feed's path as a message names it: relative to the feeds folder, with '/'.</summary>
    public string RelativeFeedPath(string fullPath) =>
        Path.GetRelativePath(FeedsFolder, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The descriptor file of a name such as <c>apotti-diagnosis</c> or <c>mimic-iv-demo/patients</c>.</summary>
    public string DescriptorFile(string name)
    {
        var stem = Inside(SourcesFolder, name, "descriptor");
        return DescriptorExtensions.Select(extension => stem + extension).FirstOrDefault(File.Exists)
            ?? throw new FeedException($"No source descriptor '{name}' in the sources folder {SourcesFolder} (looked for {name}.yaml, .yml and .json).");
    }

    private static string Inside(string folder, string relativePath, string what)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath))
            throw new FeedException($"The {what} '{relativePath}' must be a path relative to {folder}, e.g. 'incoming/apotti-diagnosis/2026-11.csv'.");

        var full = Path.GetFullPath(Path.Combine(folder, relativePath));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new FeedException($"The {what} '{relativePath}' points outside {folder}; only files inside it are read.");
        return full;
    }
}
