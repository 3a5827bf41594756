namespace Lake.EndToEnd.Tests;

/// <summary>Finds the checkout the tests run from, so they use the shipped descriptors and examples.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sources => Path.Combine(Root, "sources");

    public static string ExampleSpecification => Path.Combine(Root, "examples", "diabetes-study.yaml");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lake.sln")))
                return folder.FullName;
        }

        throw new DirectoryNotFoundException("The tests must run inside a checkout of the repository (no Lake.sln found above the test folder).");
    }
}
