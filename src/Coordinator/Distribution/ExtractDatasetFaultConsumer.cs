using Lake.Contracts.Extraction;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Distribution;

/// <summary>
/// A task that failed every retry (a corrupt partition file, say) is in the error queue with its
/// exception; this fails its request with the same reason, so the researcher and the data service
/// see why without reading the broker.
/// </summary>
public sealed class ExtractDatasetFaultConsumer(ExtractionOutcomes outcomes, ILogger<ExtractDatasetFaultConsumer> logger) : IConsumer<Fault<ExtractDataset>>
{
    public async Task Consume(ConsumeContext<Fault<ExtractDataset>> context)
    {
        var task = context.Message.Message;
        var cause = context.Message.Exceptions.FirstOrDefault()?.Message ?? "no reason given";
        var reason = $"extracting {task.Dataset} failed: {cause}";
        CoordinatorLog.TaskFailed(logger, task.Dataset, task.RequestId, cause);
        await outcomes.FailAsync(task.RequestId, reason, context, context.CancellationToken);
    }
}
