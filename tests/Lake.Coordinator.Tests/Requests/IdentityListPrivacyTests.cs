using System.Text;
using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Preliminary;
using Lake.Coordinator.Requests;
using Lake.Extract.Access;
using Lake.Extract.Delivery;
using Lake.Extract.Disclosure;
using Lake.Extract.Specifications;
using Lake.Extract.Tests.Querying;
using Lake.Pseudonymization;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Tests.Requests;

/// <summary>
/// A cohort given as identity codes goes the whole way (preliminary study, request, extraction)
/// and no code reaches the control plane, the audit log, the bus message or the delivery.
/// </summary>
public sealed class IdentityListPrivacyTests
{
    private static readonly Hetu[] Listed = [.. Enumerable.Range(0, 8).Select(i => Hetu.Create(new DateOnly(1950 + i, 3, 3), 200 + i))];

    private CohortLake _lake = null!;

    [SetUp]
    public async Task BuildLake()
    {
        _lake = new CohortLake();
        await _lake.IngestAsync(RegisterNames.Visit, ["visit_time", "specialty"], [.. Listed.Select(h => $"{h.Value},2021-03-01T13:00:00,Kardiologia")]);
        await _lake.IngestAsync(RegisterNames.PatientBackground, [], [.. Listed.Select(h => h.Value)]);
    }

    [TearDown]
    public void RemoveLake() => _lake.Dispose();

    [Test]
    public async Task IdentityCodes_StudiedRequestedAndExtracted_AppearNowhereInClear()
    {
        var specification = ListedPatients("Listed patients", delivery: "");
        var (dataSource, audit) = await ControlPlaneWithPermitAsync("P1", "S1", allowsIdentityCodes: false);

        using (var session = _lake.Open())
        {
            var report = new PreliminaryStudy(session, _lake.Pseudonymizer, new DisclosureControl(), audit, new DifferencingLedger(new ControlPlaneDataSource(_lake.ControlPlanePath), TimeProvider.System)).RunAsync(specification, "alice").GetAwaiter().GetResult();
            Assert.That(report.CohortSize.Value, Is.EqualTo(Listed.Length));
        }

        var (outcome, message) = await SubmitThroughBusAsync(dataSource, audit, specification, "P1");

        var manifest = ExtractionRunner.Over(_lake.Layout, RegisterCatalog.Shipped, new DeliveryArea(Path.Combine(_lake.ControlPlanePath, "..", ".."), OperatingSystemAccounts.None), _lake.Pseudonymizer, TimeProvider.System)
            .Run(outcome.RequestId, (await new PermitStore(dataSource, TimeProvider.System).FindAsync("P1", CancellationToken.None))!, "alice", message.Specification);
        Assert.That(manifest.CohortSize, Is.EqualTo(Listed.Length));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var controlFiles = Directory.GetFiles(Path.GetDirectoryName(_lake.ControlPlanePath)!);
        var deliveryFiles = Directory.GetFiles(Path.Combine(_lake.ControlPlanePath, "..", "..", "delivery"), "*", SearchOption.AllDirectories);
        var everything = controlFiles.Concat(deliveryFiles).Select(f => (f, Encoding.Latin1.GetString(File.ReadAllBytes(f))))
            .Append(("message", JsonSerializer.Serialize(message, LakeJson.Options)))
            .Append(("audit", string.Join('\n', audit.ReadAll().Select(e => e.Detail + e.Subject))));
        Assert.Multiple(() =>
        {
            Assert.That(controlFiles, Is.Not.Empty);
            foreach (var (place, text) in everything)
                Assert.That(Listed.Where(h => text.Contains(h.Value, StringComparison.Ordinal)), Is.Empty, $"identity codes in clear in {Path.GetFileName(place)}");
        });
    }

    [Test]
    public async Task IdentityCodes_ConsentBasedStudy_AreDeliveredInTheCohortFileAndTravelSealed()
    {
        var specification = ListedPatients("Consented patients", delivery: "delivery:\n  identity_codes: true\n");
        var (dataSource, audit) = await ControlPlaneWithPermitAsync("P2", "S2", allowsIdentityCodes: true);

        var (outcome, message) = await SubmitThroughBusAsync(dataSource, audit, specification, "P2");

        // The codes come from the message's sealed lists, opened by the extraction itself.
        var delivery = Path.GetFullPath(Path.Combine(_lake.ControlPlanePath, "..", "..", "delivery"));
        var manifest = ExtractionRunner.Over(_lake.Layout, RegisterCatalog.Shipped, new DeliveryArea(Path.GetDirectoryName(delivery)!, OperatingSystemAccounts.None), _lake.Pseudonymizer, TimeProvider.System)
            .Run(outcome.RequestId, (await new PermitStore(dataSource, TimeProvider.System).FindAsync("P2", CancellationToken.None))!, "alice", message.Specification);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var duckdb = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        duckdb.Open();
        using var command = duckdb.CreateCommand();
        command.CommandText = "SELECT identity_code FROM read_parquet($1) ORDER BY 1";
        command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(Path.Combine(delivery, "S2", outcome.RequestId.ToString(), "cohort.parquet")));
        using var reader = command.ExecuteReader();
        var delivered = new List<string>();
        while (reader.Read())
            delivered.Add(reader.GetString(0));

        var controlFiles = Directory.GetFiles(Path.GetDirectoryName(_lake.ControlPlanePath)!);
        var travelled = controlFiles.Select(f => (f, Encoding.Latin1.GetString(File.ReadAllBytes(f))))
            .Append(("message", JsonSerializer.Serialize(message, LakeJson.Options)))
            .Append(("manifest", JsonSerializer.Serialize(manifest, LakeJson.Options)))
            .Append(("audit", string.Join('\n', audit.ReadAll().Select(e => e.Detail + e.Subject))));
        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.EqualTo(Listed.Select(h => h.Value).Order().ToList()), "each consented patient's code, in the cohort file");
            Assert.That(manifest.IdentityCodesReleased, Is.EqualTo(Listed.Length));
            foreach (var (place, text) in travelled)
                Assert.That(Listed.Where(h => text.Contains(h.Value, StringComparison.Ordinal)), Is.Empty, $"identity codes in clear in {Path.GetFileName(place)}");
        });
    }

    /// <summary>The listed patients who had a visit, as a researcher's specification of the visit register.</summary>
    private StudySpecification ListedPatients(string title, string delivery)
    {
        var codes = string.Join(", ", Listed.Select(h => $"'{h.Value}'"));
        return SpecificationReader.Parse(
            $"title: {title}\ncohort:\n  include: {{ all: [ {{ identity_codes: [{codes}] }}, {{ visit: {{}} }} ] }}\ndatasets:\n  - register: visit\n{delivery}",
            "spec.yaml",
            _lake.KeyRing);
    }

    private async Task<(ControlPlaneDataSource DataSource, AuditLog Audit)> ControlPlaneWithPermitAsync(string permitId, string studyId, bool allowsIdentityCodes)
    {
        var dataSource = new ControlPlaneDataSource(_lake.ControlPlanePath);
        await new PermitStore(dataSource, TimeProvider.System).SaveAsync(new Permit
        {
            Id = permitId,
            StudyId = studyId,
            Registers = ["visit"],
            Expires = new DateOnly(2099, 1, 1),
            Members = ["alice"],
            RecordedAt = DateTimeOffset.UtcNow,
            AllowsIdentityCodes = allowsIdentityCodes,
        }, "recorded", CancellationToken.None);
        return (dataSource, new AuditLog(dataSource, _lake.KeyRing, TimeProvider.System));
    }

    /// <summary>
    /// Submits as the coordinator does (recorded, then published by the outbox) over a real in-memory
    /// bus, so the message checked is the one that was serialized and delivered.
    /// </summary>
    private static async Task<(SubmitOutcome Outcome, StartExtraction Message)> SubmitThroughBusAsync(
        ControlPlaneDataSource dataSource, AuditLog audit, StudySpecification specification, string permitId)
    {
        var received = new TaskCompletionSource<StartExtraction>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingInMemory(cfg => cfg.ReceiveEndpoint("start-extraction", e => e.Handler<StartExtraction>(context =>
        {
            received.TrySetResult(context.Message);
            return Task.CompletedTask;
        })));
        await bus.StartAsync();
        try
        {
            var outbox = new OutboxDispatcher(new OutboxStore(dataSource, TimeProvider.System), bus, Options.Create(new CoordinatorOptions()), NullLogger<OutboxDispatcher>.Instance);
            var requests = new RequestService(new RequestStore(dataSource, TimeProvider.System), new PermitStore(dataSource, TimeProvider.System), audit, outbox, RegisterCatalog.Shipped, TimeProvider.System,
                Microsoft.Extensions.Options.Options.Create(new TransferOptions()));
            var outcome = await requests.SubmitAsync(specification, permitId, "alice", CancellationToken.None);
            Assert.That(outcome.RefusalReason, Is.Null);
            await outbox.DispatchAsync(CancellationToken.None);
            return (outcome, await received.Task.WaitAsync(TimeSpan.FromMinutes(1)));
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
