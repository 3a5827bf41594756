using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

namespace Lake.Hosting;

/// <summary>
/// Started before the bus: waits until the broker accepts a TCP connection, for at most
/// <see cref="MessagingOptions.ConnectTimeout"/>, and otherwise fails the start. The bus itself
/// would retry for the whole of its start timeout, so a broker that is down, or an address with a
/// typing mistake, would keep a command silent for a minute before the one line that says so.
/// </summary>
internal sealed class BrokerReachability(BrokerConnection broker, TimeSpan timeout) : IHostedService
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Elapsed time on a stopwatch, not the host's clock: the network takes real time whatever
        // clock the host's services are given (a test's may stand still).
        var deadline = Stopwatch.StartNew();
        SocketException? refused = null;
        while (Remaining(deadline) > TimeSpan.Zero)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(Remaining(deadline));
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(broker.Host, broker.Port, attempt.Token);
                return;
            }
            catch (SocketException e)
            {
                refused = e;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This attempt ran out of time; the loop ends with the deadline.
            }

            if (Remaining(deadline) > Pause)
                await Task.Delay(Pause, cancellationToken);
            else
                break;
        }

        var reason = refused?.Message ?? "no answer";
        throw new MassTransit.ConnectionException(
            $"RabbitMQ at {broker.Host}:{broker.Port} accepted no connection within {timeout.TotalSeconds:0.#} s, {reason}; Messaging__ConnectTimeout sets the wait");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private TimeSpan Remaining(Stopwatch elapsed)
    {
        var left = timeout - elapsed.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
