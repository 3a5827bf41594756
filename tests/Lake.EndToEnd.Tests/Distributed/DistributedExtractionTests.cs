using System.Text;
using System.Text.Json;
using Lake.Cli.Commands;
using Lake.Cli.Serving;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;
using Lake.Extract.Preliminary;
using Lake.Extract.Specifications;
using Lake.Testing;
using RabbitMQ.Client;

namespace Lake.EndToEnd.Tests.Distributed;

/// <summary>
/// `lake serve` and `lake worker` processes on a RabbitMQ node of this fixture's own (it is
/// restarted by one test), each test with its own copy of the data folder and its own virtual
/// host. Every delivery is compared, file by file, with the single-process delivery of the same
/// specification: same checksums means every row exactly once.
/// </summary>
[TestFixture]
[Category(TestCategories.RabbitMq)]
[Category("Distributed")]
[NonParallelizable] // Restarts the broker under running processes.
public sealed partial class DistributedExtractionTests : LakePipelineFixture
{
    private const string PermitId = "DIST-1";
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(180);

    private PrivateRabbitMqNode? _node;
    private RequestRecord _reference = null!;
    private StudySpecification _specification = null!;

    private PrivateRabbitMqNode Node => _node ?? throw new InvalidOperationException("No node: OneTimeSetUp did not run");

    [OneTimeSetUp]
    public async Task StartNodeAndDeliverInOneProcess()
    {
        try
        {
            _node = await PrivateRabbitMqNode.StartAsync();
        }
        catch (InvalidOperationException exception)
        {
            TestEnvironment.IgnoreLocallyFailOnCi($"Could not start a private RabbitMQ node: {exception.Message}");
        }

        await AddPermit(PermitId, "dist-study", "2099-12-31", "diagnosis", "laboratory", "patient_background");
        _specification = SpecificationReader.Load(RepositoryPaths.ExampleSpecification);
        Assert.That(await Lake("request", "submit", RepositoryPaths.ExampleSpecification, "--permit", PermitId, "--as", "alice"), Is.Zero, "single process");
        _reference = (await AllRequestsAsync()).Single(r => r.PermitId == PermitId);
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        if (_node is not null)
            await _node.DisposeAsync();
    }

    [Test]
    public async Task Serve_TwoWorkersTenConcurrentRequests_AllDeliveredIdenticalToSingleProcess()
    {
        await using var cluster = await NewClusterAsync("ten");
        var metricsPorts = new[] { FreePort(), FreePort(), FreePort() };
        // The coordinator reads queue depths every second here (15 s by default), so the reading after the workers declared their queue is in.
        var (_, url) = await cluster.StartCoordinatorAsync(Scraped(metricsPorts[0]), ("Telemetry__QueueDepthIntervalSeconds", "1"));
        using var client = cluster.Clients(url);
        // Before any worker has declared its queue: the tasks wait in the outbox, not lost on the broker.
        var submitted = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.SubmitAsync(_specification, PermitId, i % 2 == 0 ? "alice" : "bob", CancellationToken.None)));
        var workers = new[] { await cluster.StartWorkerAsync("worker-1", Scraped(metricsPorts[1])), await cluster.StartWorkerAsync("worker-2", Scraped(metricsPorts[2])) };
        foreach (var request in submitted)
            AssertSameAsReference(await cluster.WaitForOutcomeAsync(request.Id, DeliveryTimeout));

        // The processes' own Prometheus endpoints, scraped while they run, at the loopback address they
        // listen on by default (Telemetry:PrometheusHost); a request naming "localhost" matches no prefix.
        using var http = new HttpClient();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var scrapes = await Task.WhenAll(metricsPorts.Select(port => http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"))));
        Assert.Multiple(() =>
        {
            Assert.That(Sum(scrapes[0], "lake_request_latency_seconds_count", "outcome=\"delivered\""), Is.EqualTo(10), "the coordinator's end-to-end latency, one per request");
            Assert.That(scrapes[0].Split('\n').Where(l => l.StartsWith("lake_queue_depth{", StringComparison.Ordinal)), Has.Some.Contains("queue=\"extract-dataset\""), "the task queue's depth is reported");
            Assert.That(Sum(scrapes[1], "lake_extraction_tasks_completed_total", "") + Sum(scrapes[2], "lake_extraction_tasks_completed_total", ""), Is.EqualTo(10 * 4), "the workers' completed tasks");
            Assert.That(Sum(scrapes[1], "lake_extraction_tasks_failed_total", "") + Sum(scrapes[2], "lake_extraction_tasks_failed_total", ""), Is.Zero);
            Assert.That(Sum(scrapes[1], "lake_extraction_task_duration_seconds_count", ""), Is.GreaterThan(0));
            foreach (var scrape in scrapes)
                Assert.That(IdentityCodeShape().IsMatch(scrape), Is.False, "nothing shaped like an identity code in any metric");
        });

        Assert.That(workers.Select(w => w.CountLines(IsExtracted)), Has.All.GreaterThan(0), "both workers should have taken tasks");
        Assert.That(workers.Sum(w => w.CountLines(IsExtracted)), Is.EqualTo(10 * 4), "ten requests of four tasks, each done once");
        var queues = await Node.ControlAsync(CancellationToken.None, "list_queues", "-p", "ten", "name", "type", "arguments");
        Assert.That(queues.Split('\n').Single(l => l.StartsWith("extract-dataset\t", StringComparison.Ordinal)), Does.Contain("quorum").And.Contain("x-delivery-limit"));
    }

    [Test]
    public async Task Worker_KilledInTheMiddleOfATask_TaskRedeliveredAndDeliveryComplete()
    {
        await using var cluster = await NewClusterAsync("kill-worker");
        var (_, url) = await cluster.StartCoordinatorAsync();
        // Holds its first task for a minute: long enough to be killed while holding it.
        var doomed = await cluster.StartWorkerAsync("doomed-worker", ("Worker__TaskDelay", "00:01:00"));

        using var client = cluster.Clients(url);
        var request = await client.SubmitAsync(_specification, PermitId, "alice", CancellationToken.None);
        var held = await doomed.WaitForLineAsync(l => l.Contains($"Extracting ", StringComparison.Ordinal) && l.Contains(request.Id.ToString(), StringComparison.Ordinal), DeliveryTimeout, "a task taken");
        await doomed.KillAsync();
        var dataset = held[(held.IndexOf("Extracting ", StringComparison.Ordinal) + "Extracting ".Length)..].Split(' ')[0];

        var rescuer = await cluster.StartWorkerAsync("rescuer");
        AssertSameAsReference(await cluster.WaitForOutcomeAsync(request.Id, DeliveryTimeout));
        Assert.That(rescuer.CountLines(l => IsExtracted(l) && l.Contains($"Extracted {dataset} of request {request.Id}", StringComparison.Ordinal)), Is.EqualTo(1),
            $"the killed worker's task ({dataset}) should have been redelivered to the other worker");

        // The command line as each person signed in: the token in the cache decides, no name on the command line.
        var status = await SignedInStatusAsync(client, url, "bob", request.Id);
        Assert.That(status.Output, Does.Contain($"Request {request.Id}: Delivered"), "a group member asks the coordinator");
        var stranger = await SignedInStatusAsync(client, url, "mallory", request.Id);
        Assert.That((stranger.ExitCode, stranger.Output), Is.EqualTo((CommandAction.UserError, $"error: No request {request.Id} that you may see.\n")));
    }

    [Test]
    public async Task Task_DeliveredTwice_NoSecondFileNoSecondAuditEntry()
    {
        await using var cluster = await NewClusterAsync("twice");
        var (coordinator, url) = await cluster.StartCoordinatorAsync();
        var worker = await cluster.StartWorkerAsync("worker");
        using var client = cluster.Clients(url);
        var request = await client.SubmitAsync(_specification, PermitId, "alice", CancellationToken.None);
        var delivered = await cluster.WaitForOutcomeAsync(request.Id, DeliveryTimeout);
        AssertSameAsReference(delivered);
        var auditBefore = AuditEntriesOf(cluster, request.Id);

        // The very messages the coordinator sent, once more each: tasks to the worker, completions to the coordinator.
        var batches = (await cluster.Plans.BatchesAsync(request.Id, CancellationToken.None))!;
        var manifest = Manifest(delivered);
        var tasks = manifest.Files.Select(f => f.Register).Distinct().Select(dataset => new ExtractDataset
        {
            RequestId = request.Id, PermitId = PermitId, StudyId = manifest.StudyId, Dataset = dataset, Specification = _specification, Batches = batches,
        }).ToList();
        var completion = new DatasetExtracted
        {
            RequestId = request.Id,
            Dataset = ExtractDataset.Cohort,
            Files = manifest.Files.Where(f => f.Register == ExtractDataset.Cohort)
                .Select(f => new ExtractedFile { Name = f.Name, Register = f.Register, Rows = f.Rows, Bytes = f.Bytes, Sha256 = f.Sha256 }).ToList(),
        };
        await using (var bus = await TestBus.StartAsync(cluster.Broker.Settings(BrokerRole.Admin)))
        {
            foreach (var task in tasks)
                await bus.PublishAsync(task);
            await bus.PublishAsync(completion);
        }

        await worker.WaitForLinesAsync(l => l.Contains("skipped: the request is delivered already", StringComparison.Ordinal), tasks.Count,
            TimeSpan.FromSeconds(60), "every duplicate task skipped");
        await coordinator.WaitForLineAsync(l => l.Contains($"Completion of cohort for request {request.Id} recorded before", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the duplicate completion ignored");
        AssertSameAsReference((await cluster.Requests.FindAsync(request.Id, CancellationToken.None))!);
        Assert.That(AuditEntriesOf(cluster, request.Id), Is.EqualTo(auditBefore));
        Assert.That(worker.CountLines(IsExtracted), Is.EqualTo(tasks.Count), "no task extracted twice");
    }

    [Test]
    public async Task Task_PoisonPartitionFile_ErrorQueueHoldsReasonAndRequestFailsOthersUnaffected()
    {
        await using var cluster = await NewClusterAsync("poison");
        Corrupt(Directory.EnumerateFiles(Path.Combine(cluster.Data, "lake", "laboratory"), "*.parquet", SearchOption.AllDirectories).Order().First());
        (string, string)[] quickRetries = [("Messaging__RetryIntervals__0", "00:00:00.1"), ("Messaging__RetryIntervals__1", "00:00:00.2")];
        var (_, url) = await cluster.StartCoordinatorAsync(quickRetries);
        await cluster.StartWorkerAsync("worker", quickRetries);

        using var client = cluster.Clients(url);
        var poisoned = await client.SubmitAsync(_specification, PermitId, "alice", CancellationToken.None);
        var withoutLaboratory = _specification with { Datasets = [.. _specification.Datasets.Where(d => d.Register != "laboratory")] };
        var healthy = await client.SubmitAsync(withoutLaboratory, PermitId, "bob", CancellationToken.None);

        var failed = await cluster.WaitForOutcomeAsync(poisoned.Id, DeliveryTimeout);
        var delivered = await cluster.WaitForOutcomeAsync(healthy.Id, DeliveryTimeout);
        Assert.That(failed.State, Is.EqualTo(RequestState.Failed));
        Assert.That(failed.Reason, Does.Contain("failed:").And.Contain("laboratory"), "the reason names the task and the file");
        Assert.That(delivered.State, Is.EqualTo(RequestState.Delivered), delivered.Reason);
        Assert.That(Manifest(delivered).Files.Where(f => f.Register != "laboratory").Select(f => (f.Name, f.Sha256)),
            Is.EqualTo(Manifest(_reference).Files.Where(f => f.Register != "laboratory").Select(f => (f.Name, f.Sha256))));

        var (reason, retries) = await FirstErrorAsync(cluster.Broker.AmqpUri(BrokerRole.Admin), "extract-dataset_error");
        Assert.That(reason, Does.Contain("laboratory"), "the error queue keeps the exception");
        Assert.That(retries, Is.EqualTo(2), "both configured retries were made");
    }

    [Test]
    public async Task Coordinator_KilledBetweenRecordingAndPublishingTasks_RequestCompletesAfterRestart()
    {
        await using var cluster = await NewClusterAsync("kill-coordinator");
        var (crashing, url) = await cluster.StartCoordinatorAsync(("Coordinator__CrashAfterPlanning", "true"));
        var worker = await cluster.StartWorkerAsync("worker");

        using (var client = cluster.Clients(url))
        {
            try
            {
                await client.SubmitAsync(_specification, PermitId, "alice", CancellationToken.None);
            }
            catch (HttpRequestException)
            {
                // The coordinator may die before it answers; the request is recorded either way.
            }
        }

        await crashing.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var request = (await cluster.Requests.ListAsync(CancellationToken.None)).Single(r => r.PermitId == PermitId && r.Id != _reference.Id);
        Assert.That(request.State, Is.EqualTo(RequestState.Extracting), "tasks recorded before the kill");
        Assert.That(worker.CountLines(l => l.Contains("Extracting ", StringComparison.Ordinal)), Is.Zero, "no task was published before the kill");

        await cluster.StartCoordinatorAsync();
        AssertSameAsReference(await cluster.WaitForOutcomeAsync(request.Id, DeliveryTimeout));
    }

    [Test]
    public async Task Broker_RestartedInTheMiddleOfAnExtraction_ExtractionCompletesAfterItReturns()
    {
        await using var cluster = await NewClusterAsync("restart");
        var (_, url) = await cluster.StartCoordinatorAsync();
        // Slow tasks, so that the broker goes away while the extraction is under way.
        var worker = await cluster.StartWorkerAsync("worker", ("Worker__TaskDelay", "00:00:02"));

        using var client = cluster.Clients(url);
        var request = await client.SubmitAsync(_specification, PermitId, "alice", CancellationToken.None);
        await worker.WaitForLineAsync(l => l.Contains("Extracting ", StringComparison.Ordinal), DeliveryTimeout, "a task taken");
        await Node.StopAsync();
        await Node.StartAgainAsync();

        AssertSameAsReference(await cluster.WaitForOutcomeAsync(request.Id, DeliveryTimeout));
    }

    /// <summary>
    /// A coordinator that leaves preliminary studies to the workers, as one without register keys
    /// must: the answer is the one the lake host's own command gives, and with no worker running the
    /// person asking is told so within Coordinator:PreliminaryTimeout instead of waiting.
    /// </summary>
    [Test]
    public async Task Preliminary_CountedByAWorker_SameAnswerAsInProcessAndAClearErrorWithoutOne()
    {
        var text = await File.ReadAllTextAsync(RepositoryPaths.ExampleSpecification);
        var inProcess = PreliminaryReportJson.Serialize(await StudyCommand.RunAsync(Workspace(), _specification, "alice"));
        await using var cluster = await NewClusterAsync("preliminary");
        var (_, url) = await cluster.StartCoordinatorAsync(("Coordinator__PreliminaryOnWorkers", "true"), ("Coordinator__PreliminaryTimeout", "00:00:05"));
        using var clients = cluster.Clients(url);
        var alice = await clients.ForAsync("alice", CancellationToken.None);

        Assert.That(() => alice.PreliminaryAsync(text, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("(503)").And.Message.Contains("No extraction worker counted the study within 5 s"));

        var worker = await cluster.StartWorkerAsync("worker");
        var onWorker = await alice.PreliminaryAsync(text, CancellationToken.None);

        Assert.That(onWorker, Is.EqualTo(inProcess), "the same counts, suppression and policy as the lake host's own command");
        Assert.That(worker.CountLines(l => l.Contains("Counted a preliminary study for the coordinator", StringComparison.Ordinal)), Is.EqualTo(1), "the worker counted it");
    }

    private static bool IsExtracted(string line) => line.Contains("Extracted ", StringComparison.Ordinal);

    private async Task<LakeCluster> NewClusterAsync(string name)
    {
        var data = Path.Combine(Root, name);
        CopyDirectory(Data, data);
        return new LakeCluster(data, KeyRingPath, await Node.AddVirtualHostAsync(name));
    }

    private void AssertSameAsReference(RequestRecord record)
    {
        Assert.That(record.State, Is.EqualTo(RequestState.Delivered), record.Reason);
        var expected = Manifest(_reference);
        var actual = Manifest(record);
        Assert.Multiple(() =>
        {
            Assert.That(actual.Files.Select(f => (f.Name, f.Rows, f.Sha256)), Is.EqualTo(expected.Files.Select(f => (f.Name, f.Rows, f.Sha256))));
            Assert.That(actual.Files.Select(f => string.Join(", ", f.Columns)), Is.EqualTo(expected.Files.Select(f => string.Join(", ", f.Columns))).And.All.Not.Empty,
                "the workers report each file's columns and types, as the single process lists them");
            Assert.That(actual.BatchesRead, Is.EqualTo(expected.BatchesRead));
            Assert.That(FileNames(record.DeliveryFolder!), Is.EqualTo(FileNames(_reference.DeliveryFolder!)), "no file more or less than the single process delivers");
            Assert.That(Directory.Exists(record.DeliveryFolder + ".partial"), Is.False, "no unfinished folder left beside the delivery");
        });
    }

    private static List<string> FileNames(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order()];

    private static DeliveryManifest Manifest(RequestRecord record) =>
        JsonSerializer.Deserialize<DeliveryManifest>(File.ReadAllText(Path.Combine(record.DeliveryFolder!, "manifest.json")), LakeJson.Options)!;

    private static List<string> AuditEntriesOf(LakeCluster cluster, Guid requestId) =>
        [.. new Coordinator.Audit.AuditLog(new ControlPlaneDataSource(Path.Combine(cluster.Data, "control", "lake.db")), Pseudonymization.KeyRing.OpenOrCreate(cluster.KeyRingPath, TimeProvider.System), TimeProvider.System).ReadAll()
            .Where(e => e.Subject.Contains(requestId.ToString(), StringComparison.Ordinal)).Select(e => $"{e.Sequence} {e.Action} {e.Outcome}")];

    /// <summary>Overwrites the Parquet footer, as a failing disk or a bad copy would.</summary>
    private static void Corrupt(string parquetFile)
    {
        using var stream = File.OpenWrite(parquetFile);
        stream.Seek(-64, SeekOrigin.End);
        stream.Write(new byte[64]);
    }

    /// <summary>The first message of an error queue: MassTransit's fault reason and retry count headers.</summary>
    private static async Task<(string Reason, int Retries)> FirstErrorAsync(string brokerUri, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(brokerUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: false);
        Assert.That(message, Is.Not.Null, $"{queue} is empty");
        var headers = message!.BasicProperties.Headers!;
        var reason = Encoding.UTF8.GetString((byte[])headers["MT-Fault-Message"]!);
        var retries = Convert.ToInt32(headers["MT-Fault-RetryCount"], System.Globalization.CultureInfo.InvariantCulture);
        return (reason, retries);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var folder in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static (string Key, string Value) Scraped(int port) => ("Telemetry__PrometheusPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The sum of a metric's samples in Prometheus text whose labels contain <paramref name="label"/>.</summary>
    private static double Sum(string scrape, string metric, string label) => scrape.Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(line => line.Contains(label, StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{6}[-+ABCDEFUVWXY]\d{3}[0-9A-Y]")]
    private static partial System.Text.RegularExpressions.Regex IdentityCodeShape();

    /// <summary>`lake request status --server` with <paramref name="user"/>'s sign-in in the token cache.</summary>
    private static async Task<LakeConsole.Result> SignedInStatusAsync(SignedInClients clients, Uri url, string user, Guid id)
    {
        using var folder = new TempDirectory("lake-tokens");
        new TokenCache(Path.Combine(folder.Path, "tokens.json")).Save(url, await clients.TokenAsync(user, CancellationToken.None));
        Environment.SetEnvironmentVariable(TokenCache.EnvironmentVariable, Path.Combine(folder.Path, "tokens.json"));
        try
        {
            return await LakeConsole.RunAsync("request", "status", id.ToString(), "--server", url.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(TokenCache.EnvironmentVariable, null);
        }
    }
}
