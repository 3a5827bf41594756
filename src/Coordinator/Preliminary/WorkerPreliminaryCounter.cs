using Lake.Contracts.Extraction;
using Lake.Coordinator.Distribution;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Preliminary;

/// <summary>
/// Has an extraction worker count a preliminary study (<see cref="CountPreliminaryStudy"/>): the
/// counter of a coordinator that holds no register keys. Only the specification (identity codes
/// already tokens) and the disclosure rules go out; the shown report, the true counts and the
/// ledger tokens come back.
/// </summary>
public sealed class WorkerPreliminaryCounter(IRequestClient<CountPreliminaryStudy> client, IOptions<CoordinatorOptions> options) : IPreliminaryCounter
{
    /// <exception cref="PreliminaryUnavailableException">No worker answered in time, or the worker could not count the study.</exception>
    public async Task<PreliminaryAnswer> CountAsync(StudySpecification specification, DisclosurePolicy policy, CancellationToken cancellationToken)
    {
        var timeout = options.Value.PreliminaryTimeout;
        Response<PreliminaryStudyCounted, PreliminaryStudyFailed> response;
        try
        {
            response = await client.GetResponse<PreliminaryStudyCounted, PreliminaryStudyFailed>(
                new CountPreliminaryStudy { Specification = specification, Disclosure = policy.ToMessage() }, cancellationToken, RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        }
        catch (RequestTimeoutException)
        {
            throw new PreliminaryUnavailableException(
                $"No extraction worker counted the study within {timeout.TotalSeconds:0} s. This coordinator holds no register keys and leaves preliminary studies to workers; check that a `lake worker` is running and connected to the broker.");
        }

        if (response.Is(out Response<PreliminaryStudyFailed>? failed))
            throw new PreliminaryUnavailableException("The extraction worker could not count the study: " + failed.Message.Reason);
        response.Is(out Response<PreliminaryStudyCounted>? counted);
        return PreliminaryAnswer.FromMessage(counted!.Message);
    }
}
