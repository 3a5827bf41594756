using Lake.Cli.Commands;
using Lake.Contracts.Lake;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// `lake verify` over a lake ingested through the command line, before and after a committed file is
/// damaged in place, and what a study says when it meets that file.
/// </summary>
[NonParallelizable]
public sealed class VerifyCommandTests : LakePipelineFixture
{
    [Test]
    public async Task Verify_IntactLake_ExitsZeroSayingEveryFileMatches()
    {
        var result = await Verify();

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(result.Output, Does.Contain("every file matches its commit record"));
        });
    }

    [Test]
    public async Task Verify_DamagedFile_ListsItAndExitsOne_AndTheStudyFailsInOneLine()
    {
        var file = new CommitLog(new LakeLayout(Path.Combine(Data, "lake"))).ReadAll().First(b => b.Register == "laboratory").Files[0];
        var path = Path.Combine(Data, "lake", file.Path);
        var original = await File.ReadAllBytesAsync(path);
        var modified = File.GetLastWriteTimeUtc(path);
        var damaged = (byte[])original.Clone();
        damaged[original.Length / 2] ^= 0x10;
        await File.WriteAllBytesAsync(path, damaged);
        File.SetLastWriteTimeUtc(path, modified);
        try
        {
            var verify = await Verify();
            var study = await Lake("study", "preliminary", RepositoryPaths.ExampleSpecification, "--as", "carol");

            Assert.Multiple(() =>
            {
                Assert.That(verify.ExitCode, Is.EqualTo(VerifyCommand.Damaged));
                Assert.That(verify.Output, Does.Contain("damaged: ").And.Contain(file.Path).And.Contain("1 damaged"));
                Assert.That(study, Is.EqualTo(CommandAction.UserError), "the study fails instead of counting without the file's rows");
            });
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }

        Assert.That((await Verify()).ExitCode, Is.Zero, "restored, the file checks out again");
    }

    private Task<LakeConsole.Result> Verify() => LakeConsole.RunAsync("verify", "--data", Data, "--keyring", KeyRingPath);
}
