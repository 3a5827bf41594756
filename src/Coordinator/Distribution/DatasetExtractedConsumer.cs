using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Delivery;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Distribution;

/// <summary>
/// The coordinator's record of finished tasks. Completions are recorded once per task, however
/// often they arrive; the one that completes the last task assembles the delivery.
/// </summary>
public sealed class DatasetExtractedConsumer(ExtractionPlanStore plans, ExtractionOutcomes outcomes, ILogger<DatasetExtractedConsumer> logger) : IConsumer<DatasetExtracted>
{
    public async Task Consume(ConsumeContext<DatasetExtracted> context)
    {
        var message = context.Message;
        var files = message.Files
            .Select(f => new DeliveredFile(f.Name, f.Register, f.Rows, f.Bytes, f.Sha256) { Redactions = f.Redactions, IdentityCodesReleased = f.IdentityCodesReleased, RegisterVersion = f.RegisterVersion, Columns = [.. f.Columns.Select(c => new DeliveredColumn(c.Name, c.Type))] })
            .ToList();
        switch (await plans.CompleteTaskAsync(message.RequestId, message.Dataset, JsonSerializer.Serialize(files, LakeJson.Options), context.CancellationToken))
        {
            case TaskCompletion.LastOfRequest:
                await outcomes.DeliverAsync(message.RequestId, context, context.CancellationToken);
                break;
            case TaskCompletion.AlreadyRecorded:
                CoordinatorLog.CompletionAlreadyRecorded(logger, message.Dataset, message.RequestId);
                await outcomes.RemoveLeftoversAsync(message.RequestId, context.CancellationToken);
                break;
        }
    }
}
