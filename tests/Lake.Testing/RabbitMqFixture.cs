namespace Lake.Testing;

/// <summary>
/// Base class for tests that need RabbitMQ: skipped locally when no broker answers, failed on CI.
/// </summary>
[Category(TestCategories.RabbitMq)]
public abstract class RabbitMqFixture
{
    /// <summary>The broker the README's test command started, or a local default broker.</summary>
    protected static string BrokerUri { get; } =
        Environment.GetEnvironmentVariable("LAKE_TEST_RABBITMQ") ?? "amqp://guest:guest@localhost:5672/";

    [OneTimeSetUp]
    public async Task RequireBroker()
    {
        if (!await Broker.IsReachableAsync(BrokerUri))
            TestEnvironment.IgnoreLocallyFailOnCi($"No RabbitMQ at {BrokerUri}; run the README's test command, which starts one");
    }
}
