using Lake.Cli.Commands;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// A mistyped source, register or permit name is answered with the names closest to it, not the
/// whole list, and exit code 2.
/// </summary>
[NonParallelizable] // Drives the CLI, which writes to the console, and sets process-wide environment variables.
public sealed class DidYouMeanTests
{
    private TempDirectory _root = null!;

    private string Data => Path.Combine(_root.Path, "data");

    private string KeyRing => Path.Combine(_root.Path, "keys", "keyring.json");

    [SetUp]
    public void CreateFolder() => _root = new TempDirectory("lake-did-you-mean");

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Dispose();
    }

    [Test]
    public async Task SourcesShow_OneLetterWrong_SuggestsTheDescriptorInsteadOfListingAll()
    {
        var result = await LakeAsync("sources", "show", "uranus-diagnosys");

        AssertSuggests(result, "error: unknown source 'uranus-diagnosys'; did you mean 'uranus-diagnosis'?");
    }

    [Test]
    public async Task Ingest_SystemNameMistyped_SuggestsThatSystemsDescriptors()
    {
        var feed = Path.Combine(_root.Path, "feed.csv");
        File.WriteAllText(feed, "x\n");

        var result = await LakeAsync("ingest", "--source", "uranis", feed);

        AssertSuggests(result, "error: unknown source 'uranis'; did you mean 'uranus-basic-measurement', 'uranus-diagnosis' or 'uranus-inpatient-period'?");
        Assert.That(result.Output, Does.Not.Contain("apotti"), "no list of every descriptor");
    }

    [Test]
    public async Task RegistersShow_LettersSwapped_SuggestsTheRegister()
    {
        var result = await LakeAsync("registers", "show", "laboratroy");

        AssertSuggests(result, "error: Unknown register 'laboratroy'; did you mean 'laboratory'?");
    }

    [Test]
    public async Task PermitAdd_RegisterMistyped_SuggestsTheRegisterAndRecordsNothing()
    {
        var result = await LakeAsync("permit", "add", "--id", "HUS-1-2026", "--study", "s1", "--registers", "diagnosis", "medicatoin",
            "--expires", "2030-01-01", "--members", "alice");
        var show = await LakeAsync("permit", "show", "HUS-1-2026");

        AssertSuggests(result, "Unknown register 'medicatoin'; did you mean 'medication'?");
        Assert.That(show.ExitCode, Is.EqualTo(CommandAction.UserError), "not recorded");
    }

    [Test]
    public async Task PermitShow_DigitWrong_SuggestsTheRecordedPermit()
    {
        Assert.That((await LakeAsync("permit", "add", "--id", "HUS-123-2025", "--study", "s1", "--registers", "diagnosis", "--expires", "2030-01-01", "--members", "alice")).ExitCode, Is.Zero);
        Assert.That((await LakeAsync("permit", "add", "--id", "THL-77-2024", "--study", "s2", "--registers", "diagnosis", "--expires", "2030-01-01", "--members", "bob")).ExitCode, Is.Zero);

        var show = await LakeAsync("permit", "show", "HUS-124-2025");
        var revoke = await LakeAsync("permit", "revoke", "HUS-123-2052", "--reason", "test");

        Assert.Multiple(() =>
        {
            AssertSuggests(show, "error: Permit 'HUS-124-2025' is not recorded; did you mean 'HUS-123-2025'?");
            AssertSuggests(revoke, "error: Permit 'HUS-123-2052' is not recorded; did you mean 'HUS-123-2025'?");
            Assert.That(show.Output, Does.Not.Contain("THL-77-2024"));
        });
    }

    private static void AssertSuggests(LakeConsole.Result result, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(CommandAction.UserError), result.Output);
            Assert.That(result.Output, Does.Contain(expected));
            Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    private Task<LakeConsole.Result> LakeAsync(params string[] args) =>
        LakeUsers.AsAsync(Data, KeyRing, LakeUsers.Staff, () => LakeConsole.RunAsync([.. args, "--data", Data, "--keyring", KeyRing, "--sources", RepositoryPaths.Sources]));
}
