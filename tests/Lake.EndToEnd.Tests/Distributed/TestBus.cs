using Lake.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.EndToEnd.Tests.Distributed;

/// <summary>
/// A bus without consumers on a test's virtual host, configured as Lake's processes configure theirs,
/// to publish copies of their messages. It connects as the tests' admin: it speaks for both roles.
/// </summary>
internal sealed class TestBus(IHost host) : IAsyncDisposable
{
    public static async Task<TestBus> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLakeMessaging(_ => { });
        var host = builder.Build();
        await host.StartAsync();
        return new TestBus(host);
    }

    public Task PublishAsync<T>(T message)
        where T : class => host.Services.GetRequiredService<IBus>().Publish(message);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
