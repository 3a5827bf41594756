using Lake.Cli;
using Lake.Cli.Serving;
using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Coordinator.Api;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Identity;
using Lake.Coordinator.Requests;
using Lake.Extract.Tests;
using Lake.Ingest;
using Lake.Pseudonymization;
using Lake.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Portal.Tests;

/// <summary>
/// `lake serve` as <see cref="CoordinatorHost"/> builds it, on a free loopback port, over a fresh
/// data folder: a small diagnosis register from two systems (one too small to show its counts),
/// two permits of two research groups with a delivered request each, and the people who sign in.
/// </summary>
internal sealed partial class PortalSite : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    public const string AlicePermit = "P-ALICE";

    public const string BobPermit = "P-BOB";

    /// <summary>The one secure environment configured for data transfer requests.</summary>
    public const string TransferTarget = "kapseli";

    /// <summary>Who records accounts and permits in the audit log.</summary>
    private const string Registrar = "registrar";

    private readonly TempDirectory _data = new("lake-portal-data");
    private readonly TempDirectory _outside = new("lake-portal-outside");
    private readonly Dictionary<string, long> _rowsIngested = [];
    private readonly List<string> _identityCodes = [];
    private WebApplication? _app;

    private PortalSite()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        Workspace = new Workspace(_data.Path, _outside.File("keys/keyring.json"));
    }

    public Uri BaseAddress { get; }

    public Workspace Workspace { get; }

    /// <summary>A researcher in the group of <see cref="AlicePermit"/>.</summary>
    public TestAccount Alice { get; private set; } = null!;

    /// <summary>A researcher in the group of <see cref="BobPermit"/>.</summary>
    public TestAccount Bob { get; private set; } = null!;

    /// <summary>A researcher named on no permit.</summary>
    public TestAccount Mallory { get; private set; } = null!;

    /// <summary>An operator: no requests are theirs to see.</summary>
    public TestAccount Olli { get; private set; } = null!;

    public Guid AliceRequest { get; private set; }

    public Guid BobRequest { get; private set; }

    /// <summary>Rows the site ingested, by source system slug: what the operations page counts.</summary>
    public IReadOnlyDictionary<string, long> RowsIngested => _rowsIngested;

    /// <summary>The identity codes of the site's patients, which no page for operators may show.</summary>
    public IReadOnlyList<string> IdentityCodes => _identityCodes;

    public static async Task<PortalSite> StartAsync()
    {
        var site = new PortalSite();
        try
        {
            await site.RecordAsync(AlicePermit, "alice");
            await site.RecordAsync(BobPermit, "bob");
            await site.RecordAsync(TeamPermit, "bob", "carol");
            site.Alice = await site.AddPersonAsync("alice", LakeRoles.Researcher);
            site.Bob = await site.AddPersonAsync("bob", LakeRoles.Researcher);
            site.Mallory = await site.AddPersonAsync("mallory", LakeRoles.Researcher);
            site.Olli = await site.AddPersonAsync("olli", LakeRoles.Operator);
            await site.AddStaffAsync();
            site._app = await CoordinatorHost.BuildAsync(site.Workspace, site.BaseAddress.ToString().TrimEnd('/'), configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Portal:PriceList"] = site.WritePriceList(),
                ["Delivery:TransferTargets:0:Name"] = TransferTarget,
                ["Delivery:TransferTargets:0:Description"] = "Findata's remote access environment",
            }));
            await site._app.StartAsync();
            await site.IngestAsync();
            site.AliceRequest = await site.DeliverAsync(AlicePermit, "alice");
            site.BobRequest = await site.DeliverAsync(BobPermit, "bob");
            site.TeamRequest = await site.DeliverAsync(TeamPermit, "carol");
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    public Uri Address(string path) => new(BaseAddress, path);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
        _outside.Dispose();
    }

    /// <summary>Into the running server's lake. 40 patients with type 2 diabetes in Apotti, 3 in Uranus: the catalog suppresses the second, and the first beside it so the total gives nothing away.</summary>
    private async Task IngestAsync()
    {
        var ingestor = new FeedIngestor(Workspace.Layout, new Pseudonymizer(Workspace.Keys), Workspace.Keys, TimeProvider.System);
        await IngestAsync(ingestor, "Apotti", 2022, Enumerable.Range(0, 40).Select(i => Row(i, 2022 + i % 3)));
        // Two rows Uranus's feed gets wrong, on lines 5 and 6: the ingest history shows the feed needs attention.
        await IngestAsync(ingestor, "Uranus", 2015, [.. Enumerable.Range(100, 3).Select(i => Row(i, 2018)), "not-an-identity-code,E11.9,2018-03-01T10:00:00",
            Row(104, 2018).Replace("2018-03-", "2018-13-", StringComparison.Ordinal)]);
    }

    private async Task IngestAsync(FeedIngestor ingestor, string system, int from, IEnumerable<string> rows)
    {
        var feed = _outside.File($"{system}.csv");
        var lines = rows.ToList();
        // The feed's identity codes (a row whose first field is no identity code at all has none to leak).
        _identityCodes.AddRange(lines.Select(line => line.Split(',')[0]).Where(code => Hetu.TryParse(code, out _, out _)));
        await File.WriteAllLinesAsync(feed, [DiagnosisFeeds.Header, .. lines]);
        var result = await ingestor.IngestAsync(DiagnosisFeeds.Descriptor(system, from), feed);
        // What the ingest consumer does after a commit, into the served process's meters, whose
        // history the operations page draws: a worker of its own would record them where the page cannot see.
        _app!.Services.GetRequiredService<LakeMetrics>().BatchCommitted(Workspace.Layout, result.Commit);
        _rowsIngested[Lake.Contracts.Lake.LakeLayout.SourceSlug(result.Commit.SourceSystem)] = result.Commit.RowsWritten;
    }

    private static string Row(int patient, int year) =>
        $"{Hetu.Create(new DateOnly(1950 + patient % 40, 1 + patient % 12, 1 + patient % 28), 200 + patient).Value},E11.9,{year}-03-{1 + patient % 28:00}T10:00:00";

    private Task<Permit> RecordAsync(string id, params string[] members) => Workspace.CreatePermitLifecycle().RecordAsync(new Permit
    {
        Id = id,
        StudyId = "study-" + id.ToLowerInvariant(),
        Title = "Type 2 diabetes",
        Registers = ["diagnosis"],
        Expires = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1),
        Members = members,
        RecordedAt = DateTimeOffset.UtcNow,
    }, Registrar, CancellationToken.None);

    private async Task<TestAccount> AddPersonAsync(string userName, params string[] roles)
    {
        await using var store = await Workspace.OpenIdentityStoreAsync(CancellationToken.None);
        await store.Accounts.AddPersonAsync(Registrar, userName, userName, roles, Password, CancellationToken.None);
        var enrollment = await store.Accounts.EnrollTotpAsync(Registrar, userName, CancellationToken.None);
        return new TestAccount(userName, Password, enrollment.Base32Secret);
    }

    /// <summary>A request submitted through the running server's own services, as the API does it, and waited for until delivered.</summary>
    private async Task<Guid> DeliverAsync(string permitId, string user)
    {
        var services = _app!.Services;
        var workspace = services.GetRequiredService<CoordinatorWorkspace>();
        var store = services.GetRequiredService<RequestStore>();
        var outcome = await services.GetRequiredService<RequestService>().SubmitAsync(new StudySpecification
        {
            Cohort = new CohortCriteria { Icd10 = ["E11"] },
            Datasets = [new DatasetRequest { Register = "diagnosis" }],
        }, permitId, user, CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var record = (await store.FindAsync(outcome.RequestId, CancellationToken.None))!;
            if (record.State == RequestState.Delivered)
                return record.Id;
            if (record.State is RequestState.Refused or RequestState.Failed)
                throw new InvalidOperationException($"The test request under {permitId} was {record.State}: {record.Reason}");
            await Task.Delay(200);
        }

        throw new TimeoutException($"The test request under {permitId} was not delivered within two minutes.");
    }
}
