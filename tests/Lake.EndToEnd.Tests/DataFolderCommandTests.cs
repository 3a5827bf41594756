using Lake.Cli.Commands;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// A data folder is made on purpose, by `lake init` (or `lake demo`): a command pointed at one that
/// does not exist says so and how to make one, and leaves nothing behind.
/// </summary>
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed class DataFolderCommandTests
{
    private TempDirectory _root = null!;

    private string Missing => _root.File("mistyped-data");

    private string KeyRing => _root.File("keyring.json");

    [SetUp]
    public void CreateFolder() => _root = new TempDirectory("lake-data-folder");

    [TearDown]
    public void RemoveFolder() => _root.Dispose();

    [TestCase("catalog")]
    [TestCase("study", "preliminary", "SPEC")]
    [TestCase("permit", "add", "--id", "P-1", "--study", "s-1", "--registers", "diagnosis", "--from", "2015-01-01", "--to", "2025-12-31", "--expires", "2099-12-31", "--members", "alice")]
    [TestCase("users", "list")]
    [TestCase("registers")]
    public async Task Command_DataFolderThatDoesNotExist_ExitsWithAUserErrorNamingItAndCreatesNothing(params string[] command)
    {
        var args = command.Select(a => a == "SPEC" ? RepositoryPaths.ExampleSpecification : a).ToList();

        var result = await LakeConsole.RunAsync([.. args, "--data", Missing, "--keyring", KeyRing]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(CommandAction.UserError), result.Output);
            Assert.That(result.Output, Does.Contain($"The data folder '{Missing}' does not exist").And.Contain("lake init --data").And.Contain("lake demo"));
            Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(Directory.Exists(Missing), Is.False, "no data folder made by the mistake");
        });
    }

    [Test]
    public async Task Init_NewFolder_CreatesTheLayoutOwnerOnlyAndTheOtherCommandsUseIt()
    {
        var init = await LakeConsole.RunAsync("init", "--data", Missing, "--keyring", KeyRing);
        var catalog = await LakeConsole.RunAsync("catalog", "--json", "--data", Missing, "--keyring", KeyRing);

        Assert.Multiple(() =>
        {
            Assert.That(init.ExitCode, Is.Zero, init.Output);
            Assert.That(init.Output, Does.Contain("Created the data folder " + Missing));
            foreach (var folder in new[] { "", "lake", "lake/_batches", "lake/_quarantine", "control", "delivery", "feeds", "registers" })
            {
                var path = Path.Combine(Missing, folder);
                Assert.That(Directory.Exists(path), Is.True, path);
                if (!OperatingSystem.IsWindows())
                    Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), path);
            }

            Assert.That(File.Exists(Path.Combine(Missing, "control", "lake.db")), Is.True);
            Assert.That(catalog.ExitCode, Is.Zero, catalog.Output);
        });
    }

    [Test]
    public async Task Init_DataFolderThatExists_ChangesNothing()
    {
        Assert.That((await LakeConsole.RunAsync("init", "--data", Missing, "--keyring", KeyRing)).ExitCode, Is.Zero);
        var marker = Path.Combine(Missing, "feeds", "kept.csv");
        File.WriteAllText(marker, "a;b\n");

        var again = await LakeConsole.RunAsync("init", "--data", Missing, "--keyring", KeyRing);

        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.Output);
            Assert.That(again.Output, Does.Contain("already a Lake data folder"));
            Assert.That(File.ReadAllText(marker), Is.EqualTo("a;b\n"));
        });
    }

    [Test]
    public async Task Init_FolderHoldingSomethingElse_RefusedAndLeftAlone()
    {
        var elsewhere = _root.File("documents");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "notes.txt"), "mine");

        var result = await LakeConsole.RunAsync("init", "--data", elsewhere, "--keyring", KeyRing);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(CommandAction.UserError), result.Output);
            Assert.That(result.Output, Does.Contain("is not empty and holds no lake"));
            Assert.That(Directory.EnumerateFileSystemEntries(elsewhere).Select(Path.GetFileName), Is.EqualTo(new[] { "notes.txt" }));
        });
    }
}
