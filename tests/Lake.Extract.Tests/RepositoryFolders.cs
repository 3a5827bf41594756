namespace Lake.Extract.Tests;

/// <summary>Folders of the repository the tests run from, found by walking up from the test output.</summary>
internal static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string Sources => Path.Combine(Root, "sources");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "sources")) && File.Exists(Path.Combine(folder.FullName, "Lake.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No folder above {TestContext.CurrentContext.TestDirectory} holds both 'sources' and Lake.sln.");
    }
}
