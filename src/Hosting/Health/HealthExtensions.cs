using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lake.Hosting.Health;

public static class HealthExtensions
{
    /// <summary>
    /// The readiness checks of a Lake process: the lake folder takes files, the control-plane
    /// database answers (when <paramref name="controlPlanePath"/> is given: the coordinator), and
    /// the bus is connected (MassTransit's own check, tagged <see cref="HealthTags.Ready"/>). With
    /// <c>Health:Port</c> set, <c>/healthz</c> and <c>/readyz</c> are served on it; call this before
    /// <c>AddLakeMessaging</c>, so the endpoints answer while the bus connects.
    /// </summary>
    public static IHostApplicationBuilder AddLakeHealthChecks(this IHostApplicationBuilder builder, string lakeFolder, string? controlPlanePath = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>() ?? new HealthOptions();
        // Checked here rather than at start: a bad port must fail before the bus connects.
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException(HealthOptions.SectionName, typeof(HealthOptions),
                problems.Select(p => $"{HealthOptions.SectionName}:{string.Join(", ", p.MemberNames)}: {p.ErrorMessage}"));
        }

        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName);
        var checks = builder.Services.AddHealthChecks()
            .AddCheck(LakeStorageHealthCheck.Name, new LakeStorageHealthCheck(lakeFolder), tags: [HealthTags.Ready, HealthTags.Lake]);
        if (controlPlanePath is not null)
            checks.AddCheck(ControlPlaneHealthCheck.Name, new ControlPlaneHealthCheck(controlPlanePath), tags: [HealthTags.Ready, HealthTags.Lake]);
        if (options.Port > 0)
            builder.Services.AddHostedService<HealthListener>();
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c> (the process answers; no check runs) and <c>/readyz</c> (every readiness
    /// check) on the coordinator's own HTTP API, in the same shape as the workers' listener.
    /// </summary>
    public static IEndpointRouteBuilder MapLakeHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", Options(_ => false));
        endpoints.MapHealthChecks("/readyz", Options(r => r.Tags.Contains(HealthTags.Ready)));
        return endpoints;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        AllowCachingResponses = false,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = HealthReportJson.ContentType;
            return context.Response.Body.WriteAsync(HealthReportJson.Serialize(report), context.RequestAborted).AsTask();
        },
    };
}
