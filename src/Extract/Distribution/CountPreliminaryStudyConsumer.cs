using Lake.Contracts.Extraction;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lake.Extract.Distribution;

/// <summary>
/// Counts a preliminary study for a coordinator that holds no register keys, under the disclosure
/// rules the coordinator sent, and answers with the shown report, the true counts and the ledger
/// tokens. A failure is answered at once (<see cref="PreliminaryStudyFailed"/>) instead of going
/// through the bus's retries: the coordinator is waiting with a person behind it, and a question
/// that cannot be counted now fails the same way a few seconds later.
/// </summary>
public sealed class CountPreliminaryStudyConsumer(LakePreliminaryCounter counter, ILogger<CountPreliminaryStudyConsumer> logger) : IConsumer<CountPreliminaryStudy>
{
    public async Task Consume(ConsumeContext<CountPreliminaryStudy> context)
    {
        PreliminaryAnswer answer;
        try
        {
            answer = await counter.CountAsync(context.Message.Specification, DisclosurePolicy.FromMessage(context.Message.Disclosure), context.CancellationToken);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The lake holds no identity code, so a reason from the query engine or the key store names none.
            DistributionLog.PreliminaryFailed(logger, e.Message);
            await context.RespondAsync(new PreliminaryStudyFailed { Reason = e.Message });
            return;
        }

        DistributionLog.PreliminaryCounted(logger, answer.Cells.Count);
        await context.RespondAsync(answer.ToMessage());
    }
}
