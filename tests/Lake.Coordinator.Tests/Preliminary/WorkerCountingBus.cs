using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Contracts.Registers;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Preliminary;
using Lake.Extract;
using Lake.Extract.Preliminary;
using Lake.Pseudonymization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Coordinator.Tests.Preliminary;

/// <summary>
/// A MassTransit in-memory bus with an extraction worker's consumers on it, and the coordinator's
/// <see cref="WorkerPreliminaryCounter"/> asking it: counting a preliminary study the way a coordinator
/// without register keys does, every answer through the bus's serializer.
/// </summary>
internal sealed class WorkerCountingBus : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IBusControl _bus;
    private readonly AsyncServiceScope _scope;

    private WorkerCountingBus(ServiceProvider services)
    {
        _services = services;
        _bus = services.GetRequiredService<IBusControl>();
        _scope = services.CreateAsyncScope();
    }

    public IPreliminaryCounter Counter => _scope.ServiceProvider.GetRequiredService<WorkerPreliminaryCounter>();

    public static async Task<WorkerCountingBus> StartAsync(LakeLayout layout, Pseudonymizer pseudonymizer)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<CoordinatorOptions>();
        services.AddScoped<WorkerPreliminaryCounter>();
        services.AddSingleton(new LakePreliminaryCounter(layout, RegisterCatalog.Shipped, pseudonymizer));
        services.AddMassTransit(bus =>
        {
            bus.AddLakeExtractWorkerConsumers();
            bus.AddRequestClient<CountPreliminaryStudy>();
            bus.UsingInMemory((context, configuration) => configuration.ConfigureEndpoints(context));
        });
        var started = new WorkerCountingBus(services.BuildServiceProvider());
        await started._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _bus.StopAsync();
        await _services.DisposeAsync();
    }
}
