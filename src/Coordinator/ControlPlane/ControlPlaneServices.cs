using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lake.Coordinator.ControlPlane;

/// <summary>
/// Registers the control plane's stores, one per aggregate, over the host's <see cref="ControlPlaneDataSource"/>
/// and its <see cref="TimeProvider"/> (both the host's to choose: a test hands in a fake clock).
/// </summary>
public static class ControlPlaneServices
{
    public static IServiceCollection AddControlPlaneStores(this IServiceCollection services)
    {
        services.TryAddSingleton<PermitStore>();
        services.TryAddSingleton<RequestStore>();
        services.TryAddSingleton<ExtractionPlanStore>();
        services.TryAddSingleton<OutboxStore>();
        return services;
    }
}
