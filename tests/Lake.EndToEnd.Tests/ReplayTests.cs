using Lake.Cli;

namespace Lake.EndToEnd.Tests;

/// <summary>Replaying a delivered request reproduces its files, whatever reached the lake since.</summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed class ReplayTests : LakePipelineFixture
{
    [Test]
    public async Task Replay_DeliveredRequest_WritesIdenticalFilesEvenAfterNewBatchesArrive()
    {
        await AddPermit("REPLAY-1", "replay-study", expires: "2099-12-31", "diagnosis", "laboratory", "patient_background");
        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "REPLAY-1", "--as", "alice"), Is.Zero);
        var original = (await AllRequestsAsync()).Single(r => r.PermitId == "REPLAY-1");

        // A later feed adds diagnoses: a new extraction would see them, a replay must not.
        var later = Path.Combine(Root, "later.csv");
        var someone = Truth.People[0].Hetu;
        await File.WriteAllTextAsync(later, $"patient_id,dx_code,dx_type,recorded_at,department,specialty\n{someone},E11.9,primary,2024-02-02T10:00:00,Sisätaudit,Sisätaudit\n");
        Assert.That(await Lake("ingest", "--source", Ingestion.DescriptorFor(RepositoryPaths.Sources, "Apotti", "diagnosis"), later), Is.Zero);

        Assert.That(await Lake("request", "replay", original.Id.ToString(), "--as", "bob"), Is.Zero, "a current member may replay; the files must be identical");
        var replay = (await AllRequestsAsync()).Single(r => r.PermitId == "REPLAY-1" && r.Id != original.Id);
        Assert.That(replay.History.Select(h => h.Detail ?? ""), Has.Some.Contains($"replay of {original.Id}"));
    }
}
