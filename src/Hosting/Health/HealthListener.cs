using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lake.Hosting.Health;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c> for the workers, which are Generic Hosts without a web server.
/// An <see cref="HttpListener"/> rather than Kestrel: two fixed paths need no routing, middleware
/// or second host, and the Prometheus endpoint of the same processes is an HttpListener already.
/// Started before the bus (it is registered first), so a probe sees "not ready" rather than
/// "connection refused" while the bus connects.
/// </summary>
internal sealed class HealthListener(HealthCheckService checks, IOptions<HealthOptions> options, ILogger<HealthListener> logger) : BackgroundService
{
    private static readonly byte[] Alive = """{"status":"Healthy","checks":[]}"""u8.ToArray();

    private HttpListener? _listener;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var host = options.Value.Host is "*" or "0.0.0.0" ? "+" : options.Value.Host;
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://{host}:{options.Value.Port}/");
        // Started here rather than in ExecuteAsync, so that a port in use fails the host's start.
        _listener.Start();
        HealthLog.Listening(logger, options.Value.Host, options.Value.Port);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener!;
        await using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Stopped.
            }

            // One at a time: probes come every few seconds, and a check takes milliseconds.
            await AnswerAsync(context, stoppingToken);
        }
    }

    public override void Dispose()
    {
        (_listener as IDisposable)?.Dispose();
        base.Dispose();
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken stoppingToken)
    {
        var response = context.Response;
        try
        {
            byte[] body;
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/healthz":
                    response.StatusCode = 200;
                    body = Alive;
                    break;
                case "/readyz":
                    var report = await checks.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), stoppingToken);
                    response.StatusCode = HealthReportJson.StatusCode(report);
                    body = HealthReportJson.Serialize(report);
                    break;
                default:
                    response.StatusCode = 404;
                    body = [];
                    break;
            }

            response.ContentType = HealthReportJson.ContentType;
            response.Headers["Cache-Control"] = "no-store";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body, stoppingToken);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or OperationCanceledException)
        {
            // The prober hung up, or the host is stopping: nothing to answer.
        }
        finally
        {
            response.Close();
        }
    }
}
