using System.Globalization;
using Lake.Cli.Serving;
using Lake.Coordinator.ControlPlane;
using Lake.Testing;

namespace Lake.EndToEnd.Tests.Distributed;

/// <summary>
/// One test's distributed Lake: its own copy of the data folder, its own virtual host on the
/// broker, and the `lake serve` and `lake worker` processes it started, all killed at the end.
/// </summary>
internal sealed class LakeCluster(string data, string keyRing, TestBroker broker) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<LakeProcess> _processes = [];

    public string Data => data;

    /// <summary>The key ring file the cluster's processes share.</summary>
    public string KeyRingPath => keyRing;

    /// <summary>The test's virtual host; coordinator and workers connect with their roles' users.</summary>
    public TestBroker Broker => broker;

    private ControlPlaneDataSource ControlPlane => new(Path.Combine(data, "control", "lake.db"));

    public RequestStore Requests => new(ControlPlane, TimeProvider.System);

    public ExtractionPlanStore Plans => new(ControlPlane, TimeProvider.System);

    /// <summary>Starts `lake serve` on a free loopback port; returns once its API and bus are up.</summary>
    public async Task<(LakeProcess Process, Uri Url)> StartCoordinatorAsync(params (string Key, string Value)[] settings)
    {
        var process = Start("coordinator", BrokerRole.Coordinator, ["serve", "--url", "http://127.0.0.1:0"], settings);
        var line = await process.WaitForLineAsync(l => l.StartsWith("lake serve: coordinator listening on ", StringComparison.Ordinal), StartTimeout, "its listening address");
        var url = line["lake serve: coordinator listening on ".Length..].Split(' ', ',')[0];
        return (process, new Uri(url));
    }

    public async Task<LakeProcess> StartWorkerAsync(string name, params (string Key, string Value)[] settings)
    {
        var process = Start(name, BrokerRole.Worker, ["worker"], settings);
        await process.WaitForLineAsync(l => l == "lake worker: ready", StartTimeout, "ready");
        return process;
    }

    /// <summary>Waits until the request is delivered, refused or failed, reading the control plane itself.</summary>
    public async Task<RequestRecord> WaitForOutcomeAsync(Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var record = await Requests.FindAsync(id, CancellationToken.None);
            if (record?.State is RequestState.Delivered or RequestState.Refused or RequestState.Failed)
                return record;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Request {id} is {record?.State.ToString() ?? "not recorded"} after {timeout.TotalSeconds:0} s.\n"
                    + string.Join("\n", _processes.Select(p => $"--- {p.Name}:\n{p.Output}")));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Clients of the coordinator at <paramref name="url"/>, one signed-in person each.</summary>
    public SignedInClients Clients(Uri url) => new(url, data, keyRing);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            await process.DisposeAsync();
    }

    private LakeProcess Start(string name, BrokerRole role, string[] command, (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(broker.Environment(role))
        {
            // Quiet framework chatter; Lake's own lines are what the tests wait for.
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__MassTransit"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Coordinator__OutboxPollInterval"] = TimeSpan.FromMilliseconds(200).ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        var process = LakeProcess.Start(name, data, environment, [.. command, "--data", data, "--keyring", keyRing]);
        _processes.Add(process);
        return process;
    }
}
