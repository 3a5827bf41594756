namespace Lake.Cli;

/// <summary>
/// Finds the shipped source descriptors: the folder the user names, else LAKE_SOURCES, else a
/// <c>sources</c> folder in the working directory or above the program (a checkout of the repo).
/// </summary>
internal static class SourceFolder
{
    public const string EnvironmentVariable = "LAKE_SOURCES";

    public static string Resolve(string? explicitFolder)
    {
        var candidate = explicitFolder ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (candidate is not null)
            return Directory.Exists(candidate) ? candidate : throw new DirectoryNotFoundException($"Source descriptor folder '{candidate}' does not exist.");

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var sources = Path.Combine(folder.FullName, "sources");
                if (Directory.Exists(sources) && Directory.EnumerateFiles(sources, "*.yaml").Any())
                    return sources;
            }
        }

        throw new DirectoryNotFoundException($"No 'sources' folder of source descriptors found; pass --sources or set {EnvironmentVariable}.");
    }
}
