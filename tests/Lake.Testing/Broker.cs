using RabbitMQ.Client;

namespace Lake.Testing;

/// <summary>Checks for a RabbitMQ broker before tests that need one.</summary>
public static class Broker
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>True when an AMQP connection to <paramref name="amqpUri"/> opens within a few seconds.</summary>
    public static async Task<bool> IsReachableAsync(string amqpUri)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(amqpUri),
            RequestedConnectionTimeout = Timeout,
            // A probe: one attempt, no background reconnects left behind.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
        };
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await using var connection = await factory.CreateConnectionAsync("lake-test-probe", timeout.Token);
            return connection.IsOpen;
        }
        // Unreachable, refused, timed out or bad credentials: for a test, all mean "no broker".
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return false;
        }
    }
}
