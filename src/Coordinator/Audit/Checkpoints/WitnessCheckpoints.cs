using System.Text;
using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>
/// POSTs each checkpoint as JSON (<see cref="CheckpointJson"/>) to an external witness, a service
/// run by somebody other than the lake's operators that keeps what it was sent. Failures are
/// logged, never thrown; after one, the witness is left alone for a while so that a witness that
/// is down does not add its timeout to every decision. The next checkpoint sent supersedes the
/// ones skipped: each signs the whole log up to its size.
/// </summary>
public sealed class WitnessCheckpoints : ICheckpointPublisher
{
    private static readonly HttpClient SharedClient = new() { Timeout = Timeout.InfiniteTimeSpan };

    private readonly Uri _url;
    private readonly string _name;
    private readonly AuditOptions _options;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Ticks (UTC) before which the witness is left alone; read and written from the threads of concurrent appends.
    private long _quietUntil;

    /// <param name="handler">The HTTP handler; the shared one when null. It must implement the synchronous Send.</param>
    /// <exception cref="ArgumentException">The address is not an absolute http(s) address.</exception>
    public WitnessCheckpoints(string url, AuditOptions options, TimeProvider time, ILogger logger, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new ArgumentException($"Audit:WitnessUrl: '{url}' is not an http(s) address.");
        _url = address;
        // Logged without user information or query, which may hold a credential.
        _name = $"{address.Scheme}://{address.Authority}{address.AbsolutePath}";
        _options = options;
        _client = handler is null ? SharedClient : new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _time = time;
        _logger = logger;
    }

    public void Publish(SignedTreeHead head)
    {
        if (_time.GetUtcNow().UtcTicks < Volatile.Read(ref _quietUntil))
            return;
        try
        {
            using var timeout = new CancellationTokenSource(_options.WitnessTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(CheckpointJson.Serialize(head), Encoding.UTF8, "application/json") };
            // Synchronous, like the append it follows; the timeout bounds what it adds.
            using var response = _client.Send(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
                Failed(head, $"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or NotSupportedException)
        {
            Failed(head, e is OperationCanceledException ? $"no answer within {_options.WitnessTimeout.TotalSeconds:0.#} s" : e.Message);
        }
    }

    private void Failed(SignedTreeHead head, string reason)
    {
        var retryAt = _time.GetUtcNow() + _options.WitnessRetryAfter;
        Volatile.Write(ref _quietUntil, retryAt.UtcTicks);
        CheckpointLog.WitnessFailed(_logger, head.TreeSize, _name, reason, retryAt);
    }
}
