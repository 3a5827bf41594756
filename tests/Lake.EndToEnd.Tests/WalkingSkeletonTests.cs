using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using Lake.Cli;
using Lake.Cli.Commands;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Extract.Specifications;
using Lake.Synthetic;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The whole job through the command line a user types: synthetic feeds, ingest, a preliminary
/// study, a permit, refused and accepted requests, and a delivery, checked against the
/// generator's own ground truth.
/// </summary>
[TestFixture]
[NonParallelizable] // Drives the CLI, which writes to the console.
public sealed partial class WalkingSkeletonTests : LakePipelineFixture
{
    [Test]
    public void Ingest_EveryFeed_WritesGoodRowsAndQuarantinesExactlyThePlantedDefects()
    {
        var commits = new CommitLog(new LakeLayout(Path.Combine(Data, "lake"))).ReadAll();
        foreach (var feed in Truth.Feeds)
        {
            var commit = commits.Single(c => c.FeedName == feed.FileName);
            var defects = feed.Rows.Where(r => r.Defect is not null).ToList();
            Assert.That(commit.RowsWritten, Is.EqualTo(feed.Rows.Count - defects.Count), feed.FileName);
            Assert.That(commit.RowsQuarantined, Is.EqualTo(defects.Count), feed.FileName);

            var quarantinedLines = File.ReadAllLines(Path.Combine(Data, "lake", "_quarantine", commit.BatchId + ".csv"))
                .Skip(1).Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).Order().ToList();
            Assert.That(quarantinedLines, Is.EqualTo(defects.Select(d => (long)d.Line).Order().ToList()), feed.FileName);
        }
    }

    [Test]
    public async Task Ingest_SameFeedAgain_IsANoOp()
    {
        var layout = new LakeLayout(Path.Combine(Data, "lake"));
        var before = new CommitLog(layout).ReadAll().Count;
        var feed = Truth.Feeds[0];
        var descriptor = Ingestion.DescriptorFor(RepositoryPaths.Sources, feed.SourceSystem, feed.Register);

        Assert.That(await Lake("ingest", "--source", descriptor, Path.Combine(Data, "feeds", feed.FileName)), Is.Zero);
        Assert.That(new CommitLog(layout).ReadAll(), Has.Count.EqualTo(before));
    }

    [Test]
    public async Task Preliminary_ExampleStudy_MatchesGroundTruthWithSmallCountsSuppressed()
    {
        var report = await StudyCommand.RunAsync(Workspace(), SpecificationReader.Load(RepositoryPaths.ExampleSpecification), user: "alice");
        var expected = CohortFromTruth();

        Assert.That(expected, Has.Count.GreaterThan(5), "the synthetic population should have a reportable diabetes cohort");
        Assert.That(report.CohortSize.Value, Is.EqualTo(expected.Count));

        var truthByYear = expected.Values.GroupBy(t => t.Year).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => (long)g.Count());
        foreach (var (year, shown) in report.ByIndexYear)
        {
            var truth = truthByYear[year];
            if (truth is >= 1 and <= 5)
                Assert.That(shown.IsSuppressed, Is.True, $"index year {year} has {truth} patients and must be suppressed");
            if (!shown.IsSuppressed)
                Assert.That(shown.Value, Is.EqualTo(truth), $"index year {year}");
        }

        Assert.That(report.ByIndexYear.Count(c => c.Count.IsSuppressed), Is.Not.EqualTo(1), "a single suppressed cell could be recovered from the total");
    }

    [Test]
    public async Task Request_Refusals_SayWhyAndDeliverNothing()
    {
        await AddPermit("REFUSE-1", "refusal-study", expires: "2099-12-31", "diagnosis", "laboratory", "patient_background");
        await AddPermit("EXPIRED-1", "refusal-study", expires: "2001-01-01", "diagnosis", "laboratory", "patient_background");
        await AddPermit("NARROW-1", "refusal-study", expires: "2099-12-31", "diagnosis");
        var spec = RepositoryPaths.ExampleSpecification;

        var cases = new[]
        {
            (Permit: "NO-SUCH-PERMIT", User: "alice", Reason: "is not recorded"),
            (Permit: "EXPIRED-1", User: "alice", Reason: "expired on 2001-01-01"),
            (Permit: "REFUSE-1", User: "mallory", Reason: "'mallory' is not a member"),
            (Permit: "NARROW-1", User: "alice", Reason: "which permit 'NARROW-1' does not cover"),
        };
        foreach (var (permit, user, reason) in cases)
        {
            Assert.That(await Lake("request", "submit", spec, "--permit", permit, "--as", user), Is.EqualTo(RequestCommand.RequestNotDelivered), permit);
        }

        var requests = (await AllRequestsAsync());
        foreach (var (permit, user, reason) in cases)
        {
            var record = requests.Single(r => r.PermitId == permit && r.RequestedBy == user);
            Assert.That(record.State, Is.EqualTo(RequestState.Refused), permit);
            Assert.That(record.Reason, Does.Contain(reason), permit);
        }

        Assert.That(Directory.Exists(Path.Combine(Data, "delivery", "refusal-study")), Is.False);
    }

    [Test]
    public async Task Request_PermittedMember_GetsGroundTruthRowsWithStudyPseudonymsAndAVerifiableManifest()
    {
        await AddPermit("OK-1", "diabetes-e2e", expires: "2099-12-31", "diagnosis", "laboratory", "patient_background");
        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "OK-1", "--as", "alice"), Is.Zero);

        var record = (await AllRequestsAsync()).Single(r => r.PermitId == "OK-1");
        Assert.That(record.State, Is.EqualTo(RequestState.Delivered), record.Reason);
        Assert.That(record.History.Select(h => h.State), Is.EqualTo(new[] { RequestState.Submitted, RequestState.Accepted, RequestState.Extracting, RequestState.Assembling, RequestState.Delivered }));

        var folder = record.DeliveryFolder!;
        var manifest = JsonSerializer.Deserialize<DeliveryManifest>(File.ReadAllText(Path.Combine(folder, "manifest.json")), LakeJson.Options)!;
        foreach (var file in manifest.Files)
        {
            await using var stream = File.OpenRead(Path.Combine(folder, file.Name));
            Assert.That(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)), Is.EqualTo(file.Sha256), file.Name);
            Assert.That(CountRows(Path.Combine(folder, file.Name)), Is.EqualTo(file.Rows), file.Name);
        }

        var cohort = CohortFromTruth();
        var diagnosisTruth = GoodRows("diagnosis").Count(r => cohort.ContainsKey(r.Hetu) && r.EventTime >= PeriodStart && r.EventTime < PeriodEnd);
        var laboratoryTruth = GoodRows("laboratory").Count(r => cohort.ContainsKey(r.Hetu) && r.EventTime >= PeriodStart && r.EventTime < PeriodEnd);
        var backgroundTruth = GoodRows("patient_background").Count(r => cohort.ContainsKey(r.Hetu));
        Assert.That(manifest.CohortSize, Is.EqualTo(cohort.Count));
        Assert.That(Rows(manifest, "cohort.parquet"), Is.EqualTo(cohort.Count));
        Assert.That(Rows(manifest, "diagnosis.parquet"), Is.EqualTo(diagnosisTruth));
        Assert.That(Rows(manifest, "laboratory.parquet"), Is.EqualTo(laboratoryTruth));
        Assert.That(Rows(manifest, "patient_background.parquet"), Is.EqualTo(backgroundTruth));
        Assert.That(manifest.Files.Select(f => f.Name), Does.Contain("laboratory.csv").And.Contain("laboratory.arrow"));

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Assert.That(Scalar(duck, $"SELECT count(*) FROM read_parquet('{folder}/laboratory.parquet') WHERE study_id NOT IN (SELECT study_id FROM read_parquet('{folder}/cohort.parquet'))"), Is.Zero,
            "every delivered row belongs to the cohort, joined by study pseudonym only");
        Assert.That(Scalar(duck, $"SELECT count(*) FROM (SELECT DISTINCT test_code FROM read_parquet('{folder}/laboratory.parquet') WHERE test_code = '2095')"), Is.EqualTo(1),
            "a diabetes cohort has HbA1c results");
    }

    [Test]
    public async Task Lake_AfterEverything_NoFileUnderLakeOrDeliveryContainsAnIdentityCode()
    {
        await AddPermit("SCAN-1", "scan-study", expires: "2099-12-31", "diagnosis", "laboratory", "patient_background");
        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "SCAN-1", "--as", "alice"), Is.Zero);

        var identityCodes = Truth.People.Select(p => p.Hetu).Concat(Truth.Feeds.SelectMany(f => f.Rows).Select(r => r.Hetu)).Where(h => h.Length > 0).ToHashSet();
        var files = new[] { "lake", "delivery", "control" }.SelectMany(f => Directory.EnumerateFiles(Path.Combine(Data, f), "*", SearchOption.AllDirectories)).ToList();
        Assert.That(files, Has.Count.GreaterThan(5));
        foreach (var file in files)
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.That(identityCodes.Where(text.Contains), Is.Empty, file);
            if (file.EndsWith(".parquet", StringComparison.Ordinal))
                Assert.That(TextValuesOf(file).Where(v => HetuShape().IsMatch(v)), Is.Empty, $"decoded values of {file}");
        }
    }

    [Test]
    public async Task Status_OnlyForRequesterAndCurrentMembers()
    {
        await AddPermit("STATUS-1", "status-study", expires: "2099-12-31", "diagnosis", "laboratory", "patient_background");
        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "STATUS-1", "--as", "alice"), Is.Zero);
        var id = (await AllRequestsAsync()).Single(r => r.PermitId == "STATUS-1").Id.ToString();

        Assert.Multiple(async () =>
        {
            Assert.That(await Lake("request", "status", id, "--as", "bob"), Is.Zero);
            Assert.That(await Lake("request", "status", id, "--as", "mallory"), Is.EqualTo(CommandAction.UserError));
            Assert.That(await Lake("request", "list", "--as", "alice"), Is.Zero);
        });
    }

    [Test]
    public async Task Cost_ExampleStudy_EstimatesFromThePriceList()
    {
        var pricing = Path.Combine(RepositoryPaths.Root, "examples", "pricing.yaml");

        Assert.Multiple(async () =>
        {
            Assert.That(await Lake("cost", "estimate", RepositoryPaths.ExampleSpecification, "--pricing", pricing, "--internal", "--as", "erin"), Is.Zero);
            Assert.That(await Lake("cost", "estimate", RepositoryPaths.ExampleSpecification, "--pricing", "no-such-prices.yaml"), Is.EqualTo(CommandAction.UserError));
        });
    }

    [Test]
    public async Task Audit_AfterRequestsAndStudies_RecordsEveryDecisionInAnIntactChain()
    {
        await Lake("study", "preliminary", RepositoryPaths.ExampleSpecification, "--as", "carol");
        await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", "NO-SUCH-PERMIT", "--as", "dave");

        var entries = Workspace().OpenAuditLog().ReadAll();
        Assert.Multiple(async () =>
        {
            Assert.That(await Lake("audit", "verify", "--as", LakeUsers.Auditor), Is.Zero, "the auditor verifies the chain");
            Assert.That(entries.Any(e => e.Actor == "dave" && e.Action == "request.submit" && e.Outcome == "refused" && e.Detail.Contains("is not recorded")), Is.True);
            Assert.That(entries.Any(e => e.Actor == "carol" && e.Action == "study.preliminary" && e.Detail.Contains($"\"cohort\":{CohortFromTruth().Count}")), Is.True,
                "the true cohort size is kept in the audit log");
        });
    }

    private static long Rows(DeliveryManifest manifest, string name) => manifest.Files.Single(f => f.Name == name).Rows;

    private static long CountRows(string path)
    {
        if (path.EndsWith(".arrow", StringComparison.Ordinal))
        {
            using var arrow = new ArrowFileReader(File.OpenRead(path), new CompressionCodecFactory());
            long rows = 0;
            while (arrow.ReadNextRecordBatch() is { } batch)
            {
                using (batch)
                    rows += batch.Length;
            }

            return rows;
        }

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        var reader = path.EndsWith(".csv", StringComparison.Ordinal) ? "read_csv" : "read_parquet";
        return Scalar(duck, $"SELECT count(*) FROM {reader}('{path}')");
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> TextValuesOf(string parquet)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{parquet}')";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i))
                    values.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "");
            }
        }

        return values;
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![0-9A-Za-z])")]
    private static partial Regex HetuShape();
}
