namespace Lake.Testing;

/// <summary>
/// Base class for tests that need RabbitMQ: skipped locally when no broker answers, failed on CI.
/// </summary>
[Category(TestCategories.RabbitMq)]
public abstract class RabbitMqFixture
{
    /// <summary>The broker the README's test command started, or a local default broker, with its users.</summary>
    protected static TestBroker SharedBroker { get; } = TestBroker.FromEnvironment();

    [OneTimeSetUp]
    public async Task RequireBroker()
    {
        if (!await Broker.IsReachableAsync(SharedBroker.AmqpUri(BrokerRole.Admin)))
            TestEnvironment.IgnoreLocallyFailOnCi($"No RabbitMQ at {SharedBroker} for user {TestBroker.UserName(BrokerRole.Admin)}; run the README's test command, which starts one");
    }
}
