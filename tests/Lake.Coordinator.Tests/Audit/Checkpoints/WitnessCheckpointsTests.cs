using System.Net;
using System.Text.Json;
using Lake.Coordinator.Audit;
using Lake.Coordinator.Audit.Checkpoints;
using Lake.Coordinator.ControlPlane;
using Lake.Pseudonymization;
using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Tests.Audit.Checkpoints;

public sealed class WitnessCheckpointsTests
{
    private TempDirectory _folder = null!;
    private KeyRing _keyRing = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = new TempDirectory("lake-witness");
        _keyRing = KeyRing.OpenOrCreate(_folder.File("keys/keyring.json"), TimeProvider.System);
    }

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Test]
    public void Append_WitnessConfigured_PostsTheCheckpointLineOfTheFile()
    {
        var witness = new RecordingWitness(HttpStatusCode.NoContent);
        var log = Log(witness, new LogRecorder(), TimeProvider.System);

        log.Append("alice", "catalog.read", "the catalog", "allowed");
        log.Append("bob", "catalog.read", "the catalog", "allowed", "detail never sent");

        Assert.Multiple(() =>
        {
            Assert.That(witness.Bodies, Is.EqualTo(File.ReadAllLines(log.CheckpointPath)));
            Assert.That(witness.Bodies.Select(body => JsonDocument.Parse(body).RootElement.GetProperty("treeSize").GetInt64()), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(witness.ContentTypes, Is.All.EqualTo("application/json"));
            Assert.That(witness.Bodies, Has.None.Contains("bob").And.None.Contains("detail"));
        });
    }

    [Test]
    public void Append_WitnessFails_RecordsTheEntryLogsAndLeavesTheWitnessAloneForAWhile()
    {
        var witness = new RecordingWitness(HttpStatusCode.ServiceUnavailable);
        var logs = new LogRecorder();
        var time = new ManualTime(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var log = Log(witness, logs, time);

        log.Append("alice", "catalog.read", "the catalog", "allowed");
        log.Append("alice", "catalog.read", "the catalog", "allowed");
        time.Now += TimeSpan.FromMinutes(1);
        log.Append("alice", "catalog.read", "the catalog", "allowed");

        Assert.Multiple(() =>
        {
            Assert.That(log.Verify().IsIntact, Is.True, "the entries are recorded whatever the witness says");
            Assert.That(witness.Bodies, Has.Count.EqualTo(2), "the second checkpoint is skipped, the third sent after the pause");
            Assert.That(logs.Warnings, Has.Count.EqualTo(2));
            Assert.That(logs.Warnings[0], Does.Contain("503").And.Contain("https://witness.example/lake").And.Not.Contain("secret"));
        });
    }

    [Test]
    public void Append_WitnessUnreachable_DoesNotFail()
    {
        var logs = new LogRecorder();
        var log = Log(new RecordingWitness(failWith: new HttpRequestException("connection refused")), logs, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(() => log.Append("alice", "catalog.read", "the catalog", "allowed"), Throws.Nothing);
            Assert.That(logs.Warnings.Single(), Does.Contain("connection refused"));
        });
    }

    [TestCase("ftp://witness.example/lake")]
    [TestCase("witness.example/lake")]
    public void New_AddressNotHttp_IsRefused(string url)
    {
        Assert.That(() => new WitnessCheckpoints(url, new AuditOptions(), TimeProvider.System, new LogRecorder()),
            Throws.ArgumentException.With.Message.Contains("Audit:WitnessUrl"));
    }

    private AuditLog Log(RecordingWitness witness, ILogger logger, TimeProvider time)
    {
        var options = new AuditOptions { Syslog = false };
        var dataSource = new ControlPlaneDataSource(_folder.File("control/lake.db"));
        var publisher = new WitnessCheckpoints("https://user:secret@witness.example/lake?token=secret", options, time, logger, witness);
        return new AuditLog(dataSource, _keyRing, new CheckpointFile(CheckpointFile.DefaultPath(_keyRing.Path, dataSource.DatabasePath)), [publisher], time, logger);
    }

    private sealed class RecordingWitness(HttpStatusCode status = HttpStatusCode.OK, Exception? failWith = null) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        public List<string?> ContentTypes { get; } = [];

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (failWith is not null)
                throw failWith;
            Bodies.Add(request.Content!.ReadAsStringAsync(cancellationToken).GetAwaiter().GetResult());
            ContentTypes.Add(request.Content.Headers.ContentType?.MediaType);
            return new HttpResponseMessage(status);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class LogRecorder : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
                Warnings.Add(formatter(state, exception));
        }
    }
}
