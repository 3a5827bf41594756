namespace Lake.Cli;

/// <summary>
/// Where the files Lake ships beside the program are (the source descriptors, the price list, the
/// installation's appsettings.json): found from the program, never from the folder a command is
/// run in, so that `lake` answers the same anywhere. Run from a checkout, that is the checkout
/// itself, whose files are current (the build output holds copies as of the last build); installed
/// (`dotnet publish`, the image), it is the program's own folder, where the project copies them.
/// </summary>
internal static class Installation
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The shipped source descriptors.</summary>
    public static string SourcesFolder => Path.Combine(Root, "sources");

    /// <summary>The data service's price list as shipped (a sample to edit).</summary>
    public static string PriceList => Path.Combine(Root, "examples", "pricing.yaml");

    /// <summary>The checkout above <paramref name="programFolder"/>, else that folder itself.</summary>
    internal static string FindRoot(string programFolder)
    {
        for (var folder = new DirectoryInfo(programFolder); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lake.sln")))
                return folder.FullName;
        }

        return programFolder;
    }
}
