using Lake.Cli.Commands;
using Lake.Testing;

namespace Lake.Hosting.Tests.Workers;

/// <summary>The ingest worker's commands refuse what cannot work with a reason that says what to change.</summary>
[TestFixture]
[NonParallelizable] // Redirects the process's stderr.
public sealed class IngestCommandLineTests
{
    private LandedFeeds _lake = null!;

    [OneTimeSetUp]
    public void LandFeed() => _lake = LandedFeeds.Write(50, "apotti_diagnoses.csv");

    [OneTimeTearDown]
    public void RemoveFeed() => _lake.Dispose();

    [Test]
    public async Task IngestWorker_InMemoryBusWithoutWatch_RefusesAndSaysWhatToSet()
    {
        var (exitCode, errors) = await LakeAsync("ingest-worker");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(CommandAction.UserError));
            Assert.That(errors, Does.Contain("--watch").And.Contain("Messaging__Transport=RabbitMq"));
        });
    }

    [Test]
    public async Task IngestSubmit_InMemoryBus_RefusesAndSaysWhatToSet()
    {
        var (exitCode, errors) = await LakeAsync("ingest", "--submit", "--source", _lake.Messages[0].Descriptor, FeedFile());

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(CommandAction.UserError));
            Assert.That(errors, Does.Contain("Messaging__Transport=RabbitMq"));
        });
    }

    [Test]
    public async Task IngestSubmit_FeedOutsideTheFeedsFolder_RefusesAndSaysWhereToPutIt()
    {
        using var elsewhere = new TempDirectory();
        var feed = elsewhere.File("feed.csv");
        File.Copy(FeedFile(), feed);

        var (exitCode, errors) = await LakeAsync("ingest", "--submit", "--source", _lake.Messages[0].Descriptor, feed);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(CommandAction.UserError));
            Assert.That(errors, Does.Contain(_lake.Workspace.FeedsFolder).And.Contain("copy"));
        });
    }

    [Test]
    public async Task Ingest_LocksFolderIsAPlantedLink_ExitsNamingTheLinkWithoutAStackTrace()
    {
        using var outside = new TempDirectory();
        var link = PlantedLink.ToFolder(outside, _lake.Workspace.Layout.LocksFolder);
        try
        {
            var (exitCode, errors) = await LakeAsync("ingest", "--source", _lake.Messages[0].Descriptor, FeedFile());

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(CommandAction.UserError));
                Assert.That(errors.Split('\n'), Has.Some.StartsWith($"error: {link.Path} is a symbolic link, which Lake did not make"), "one line, after the progress line naming the feed");
                Assert.That(errors, Does.Not.Contain("   at "), "no stack trace");
                Assert.That(link.TargetUnchanged, Is.True);
            });
        }
        finally
        {
            link.Remove();
        }
    }

    private string FeedFile() => Path.Combine(_lake.Workspace.FeedsFolder, _lake.Messages[0].FeedPath);

    private async Task<(int ExitCode, string Errors)> LakeAsync(params string[] args)
    {
        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        try
        {
            var exitCode = await LakeCommandLine.InvokeAsync([.. args, "--data", _lake.Data, "--keyring", _lake.KeyRingPath, "--sources", _lake.Sources]);
            return (exitCode, errors.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
