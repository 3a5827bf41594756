using Lake.Contracts.Registers;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Lake.Cli;
using Lake.Cli.Commands;
using Lake.Contracts.Ingest;
using Lake.Contracts.Lake;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Requests;
using Lake.Extract.Specifications;
using Lake.Hosting.Telemetry;
using Lake.Synthetic;
using Lake.Telemetry;
using Lake.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Lake.Hosting.Tests.Telemetry;

/// <summary>
/// One process doing what the workers do: three feeds and a bad message through the ingest
/// consumer, one data request through the extraction consumer, with the Prometheus endpoint on a
/// free port. The scrape and the recorded spans are then checked against the commit records, and
/// for anything of a patient.
/// </summary>
[TestFixture]
[Category(TestCategories.Integration)]
public sealed partial class PrometheusEndpointTests
{
    private const string StudyId = "telemetry-study";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private readonly List<Activity> _spans = [];
    private LandedFeeds _lake = null!;
    private string _scrape = "";
    private IReadOnlyList<PrometheusSample> _samples = [];
    private RequestRecord _request = null!;

    private static string Repository => Path.GetDirectoryName(SourceFolder.Resolve(null))!;

    /// <summary>The tasks the example specification fans out into: the cohort file and each of its registers.</summary>
    private static readonly string[] ExtractionTasks = ["cohort", "patient_background", "diagnosis", "laboratory"];

    [OneTimeSetUp]
    public async Task RunIngestAndExtraction()
    {
        _lake = LandedFeeds.Write(300, [.. SynthOptions.OriginalFeeds]);
        var port = FreePort.Next();
        var outcomes = new FeedOutcomes();
        var store = _lake.Workspace.OpenRequests();
        var settings = new Dictionary<string, string?>
        {
            ["Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var host = WorkerHost.Build(_lake, outcomes, settings,
            builder =>
            {
                builder.Services.AddSingleton<IQueueDepthProbe>(new FixedQueueDepths(new QueueDepth("ingest-feed", 3), new QueueDepth("start-extraction", 0)));
                builder.Services.AddSingleton(_lake.Workspace.ControlPlane);
                builder.Services.AddSingleton(_lake.Workspace.OpenAuditLog());
                _lake.Workspace.AddExtractionServices(builder.Services);
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            },
            bus => bus.AddConsumer<FeedOutcomeRecorder>(),
            ExtractionRoles.SingleProcess);
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            foreach (var message in _lake.Messages)
                await bus.Publish(message);
            await bus.Publish(new IngestFeed { FeedPath = "../elsewhere.csv", Descriptor = _lake.Messages[0].Descriptor });
            await outcomes.WaitForAsync(_lake.Messages.Count + 1, Wait);
            Assert.That(outcomes.Ingested, Has.Count.EqualTo(_lake.Messages.Count), string.Join("; ", outcomes.Rejected.Select(r => r.Reason)));

            Assert.That(await LakeUsers.AsAsync(_lake.Data, _lake.KeyRingPath, LakeUsers.Staff, () => LakeCommandLine.InvokeAsync(["permit", "add", "--id", "TEL-1", "--study", StudyId,
                "--registers", "diagnosis", "laboratory", "patient_background", "--from", "2015-01-01", "--to", "2025-12-31", "--expires", "2099-12-31", "--members", "alice",
                "--data", _lake.Data, "--keyring", _lake.KeyRingPath])), Is.Zero);
            var specification = SpecificationReader.Load(Path.Combine(Repository, "examples", "diabetes-study.yaml"));
            var requests = host.Services.GetRequiredService<RequestService>();
            SubmitOutcome submitted;
            using (var submit = LakeActivitySource.StartRequestSubmit())
            {
                submitted = await requests.SubmitAsync(specification, "TEL-1", "alice", CancellationToken.None);
                Assert.That(submit, Is.Not.Null, "the Lake source has a listener");
            }

            _request = await FinishedAsync(store, submitted.RequestId);
            using var http = new HttpClient();
            _scrape = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            _samples = PrometheusSample.Parse(_scrape);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [OneTimeTearDown]
    public void RemoveData() => _lake?.Dispose();

    [Test]
    public void Scrape_AfterIngest_RowsBytesAndQuarantineMatchEachCommitRecord()
    {
        var commits = new CommitLog(_lake.Workspace.Layout).ReadAll();
        Assert.That(commits, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            foreach (var commit in commits)
            {
                var source = LakeLayout.SourceSlug(commit.SourceSystem);
                Assert.That(Value("lake_ingest_rows_total", ("source", source), ("register", commit.Register)), Is.EqualTo(commit.RowsWritten), commit.BatchId);
                var bytes = commit.Files.Sum(f => new FileInfo(Path.Combine(_lake.Workspace.Layout.Root, f.Path)).Length);
                Assert.That(Value("lake_ingest_written_bytes_total", ("source", source), ("register", commit.Register)), Is.EqualTo(bytes).And.GreaterThan(0), commit.BatchId);
                foreach (var (reason, rows) in commit.QuarantinedByReason)
                    Assert.That(Value("lake_ingest_quarantined_total", ("register", commit.Register), ("reason", reason)), Is.EqualTo(rows), $"{commit.BatchId} {reason}");
            }

            Assert.That(commits.Sum(c => c.RowsQuarantined), Is.GreaterThan(0), "the synthetic feeds carry defects, so quarantine is exercised");
            Assert.That(Value("lake_ingest_feeds_total", ("outcome", Outcomes.Committed)), Is.EqualTo(3));
            Assert.That(Value("lake_ingest_feeds_total", ("outcome", Outcomes.Rejected)), Is.EqualTo(1));
        });
    }

    [Test]
    public void Scrape_AfterExtraction_TaskCountsDurationAndLatencyAreServed()
    {
        Assert.That(_request.State, Is.EqualTo(RequestState.Delivered), _request.Reason);
        Assert.Multiple(() =>
        {
            foreach (var task in ExtractionTasks)
            {
                Assert.That(Value("lake_extraction_tasks_started_total", ("register", task)), Is.EqualTo(1), task);
                Assert.That(Value("lake_extraction_tasks_completed_total", ("register", task)), Is.EqualTo(1), task);
                Assert.That(Value("lake_extraction_tasks_failed_total", ("register", task)), Is.Zero, task);
            }

            Assert.That(Value("lake_extraction_task_duration_seconds_count", ("outcome", Outcomes.Completed)), Is.EqualTo(ExtractionTasks.Length));
            Assert.That(Value("lake_request_latency_seconds_count", ("outcome", Outcomes.Delivered)), Is.EqualTo(1));
            Assert.That(Value("lake_request_latency_seconds_sum", ("outcome", Outcomes.Delivered)), Is.GreaterThanOrEqualTo(Value("lake_extraction_task_duration_seconds_sum", ("outcome", Outcomes.Completed)) / ExtractionTasks.Length));
        });
    }

    [Test]
    public void Scrape_QueueDepth_ReportsWhatTheProbeRead()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Value("lake_queue_depth", ("queue", "ingest-feed")), Is.EqualTo(3));
            Assert.That(Value("lake_queue_depth", ("queue", "start-extraction")), Is.Zero);
        });
    }

    [Test]
    public void Scrape_Labels_HoldNoIdentityCodeOrPseudonym()
    {
        var patientValues = PatientValues.Of(_lake.Truth, _lake.Workspace.KeyRing, StudyId);
        var labelValues = _samples.SelectMany(s => s.Labels.Values).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(PatientValues.IdentityCodeShape().IsMatch(_scrape), Is.False, "nothing shaped like an identity code");
            Assert.That(labelValues.Where(v => PatientValues.PseudonymShape().IsMatch(v)), Is.Empty, "no label value shaped like a pseudonym");
            Assert.That(patientValues.Where(v => _scrape.Contains(v, StringComparison.OrdinalIgnoreCase)), Is.Empty);
        });
    }

    [Test]
    public void Spans_RequestTrace_FollowsTheSubmissionThroughTheMessageToTheExtraction()
    {
        var submit = _spans.Single(s => s.OperationName == "lake.request.submit");
        var trace = _spans.Where(s => s.TraceId == submit.TraceId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(trace.Where(s => s.Source.Name == TelemetryExtensions.MassTransitSource).Select(s => s.OperationName), Has.Some.Contains("start-extraction"));
            var extractions = trace.Where(s => s.OperationName == "lake.extraction").ToList();
            Assert.That(extractions.Select(s => s.GetTagItem(Tag.RegisterKey)), Is.EquivalentTo(ExtractionTasks), "every task of the request, through the outbox, in the submission's trace");
            Assert.That(extractions.Select(s => s.GetTagItem(Tag.OutcomeKey)), Is.All.EqualTo(Outcomes.Completed));
        });
    }

    [Test]
    public void Spans_IngestOfEachFeed_IsTaggedWithSourceRegisterAndOutcome()
    {
        var ingests = _spans.Where(s => s.OperationName == "lake.ingest").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ingests.Select(s => s.GetTagItem(Tag.OutcomeKey)), Is.EquivalentTo(new[] { Outcomes.Committed, Outcomes.Committed, Outcomes.Committed, Outcomes.Rejected }));
            Assert.That(ingests.Where(s => Equals(s.GetTagItem(Tag.OutcomeKey), Outcomes.Committed)).Select(s => s.GetTagItem(Tag.RegisterKey)),
                Is.EquivalentTo(new[] { "patient_background", "diagnosis", "laboratory" }));
        });
    }

    [Test]
    public void Spans_Tags_HoldNoIdentityCodeOrPseudonym()
    {
        var patientValues = PatientValues.Of(_lake.Truth, _lake.Workspace.KeyRing, StudyId);
        var text = string.Join('\n', _spans.SelectMany(s => s.TagObjects.Select(t => $"{s.OperationName} {t.Key}={t.Value}")));
        var lakeTagKeys = _spans.Where(s => s.Source.Name == LakeActivitySource.Name).SelectMany(s => s.TagObjects.Select(t => t.Key)).Distinct();
        Assert.Multiple(() =>
        {
            Assert.That(_spans, Is.Not.Empty);
            Assert.That(PatientValues.IdentityCodeShape().Matches(text).Select(m => m.Value), Is.Empty);
            Assert.That(patientValues.Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)), Is.Empty);
            Assert.That(lakeTagKeys, Is.SubsetOf(new[] { Tag.RegisterKey, Tag.SourceKey, Tag.OutcomeKey, "otel.status_code", "otel.status_description" }));
        });
    }

    [Test]
    public void Dashboard_EveryLakeMetricItQueries_IsServed()
    {
        var dashboard = File.ReadAllText(Path.Combine(Repository, "deploy", "grafana", "dashboards", "lake.json"));
        var queried = LakeMetricName().Matches(dashboard).Select(m => m.Value).Distinct().ToList();
        Assert.That(queried, Is.Not.Empty);
        Assert.That(queried.Where(name => !_samples.Any(s => s.Name == name)), Is.Empty, "metrics the dashboard queries that no scrape serves");
    }

    [Test]
    public void Scrape_EveryInstrument_IsServedUnderItsPrometheusName()
    {
        var served = _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var missing = LakeInstruments.Enumerate()
            .Select(i => i.Instrument is System.Diagnostics.Metrics.Histogram<double> ? i.PrometheusName + "_count" : i.PrometheusName)
            .Where(name => !served.Contains(name));
        Assert.That(missing, Is.Empty, "names PrometheusName gives that the exporter does not serve");
    }

    private double Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = _samples.Where(s => s.Name == name && labels.All(l => s.Has(l.Label, l.Value))).ToList();
        Assert.That(matching, Is.Not.Empty, $"{name}{{{string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}} in:\n{_scrape}");
        return matching.Sum(s => s.Value);
    }

    private static async Task<RequestRecord> FinishedAsync(RequestStore store, Guid requestId)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var record = (await store.FindAsync(requestId, CancellationToken.None))!;
            if (record.State is RequestState.Delivered or RequestState.Refused or RequestState.Failed)
                return record;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Request {requestId} still {record.State} after {Wait.TotalSeconds:0} s.");
            await Task.Delay(50);
        }
    }


    [GeneratedRegex(@"\blake_[a-z_]+")]
    private static partial Regex LakeMetricName();
}
