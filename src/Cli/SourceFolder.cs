namespace Lake.Cli;

/// <summary>
/// Finds the source descriptors: the folder the user names, else LAKE_SOURCES, else the ones
/// shipped with Lake (<see cref="Installation"/>), wherever the command is run from.
/// </summary>
internal static class SourceFolder
{
    public const string EnvironmentVariable = "LAKE_SOURCES";

    public static string Resolve(string? explicitFolder)
    {
        var candidate = explicitFolder ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (candidate is not null)
            return Directory.Exists(candidate) ? candidate : throw new DirectoryNotFoundException($"Source descriptor folder '{candidate}' does not exist.");

        var shipped = Installation.SourcesFolder;
        if (Directory.Exists(shipped) && Directory.EnumerateFiles(shipped, "*.yaml").Any())
            return shipped;

        throw new DirectoryNotFoundException($"No source descriptors shipped in {shipped}; pass --sources or set {EnvironmentVariable}.");
    }
}
