using Lake.Coordinator.Api;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Contracts.Extraction;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;
using Lake.Extract.Specifications;
using Lake.Pseudonymization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Preliminary;

/// <summary>
/// A preliminary study as the server answers it, for the API and the portal alike: the
/// specification read against the lake's registers and key ring, counted in this process or by a
/// worker, under the service's disclosure policy, for the caller and the research group their
/// permits give them. One way in, so no channel answers differently.
/// </summary>
public sealed class PreliminaryStudyRunner(
    CoordinatorWorkspace workspace, ControlPlaneDataSource controlPlane, PermitStore permits, AuditLog audit, TimeProvider time,
    IOptions<DisclosurePolicy> disclosure, IOptions<CoordinatorOptions> coordinator, IServiceProvider services)
{
    /// <summary>Reads a specification as `lake study preliminary` does; identity codes listed in the cohort become tokens as they are read.</summary>
    /// <exception cref="SpecificationException">The text is not a valid specification; the message names the line and column or the field.</exception>
    public StudySpecification Read(string text, string origin) => SpecificationReader.Parse(text, origin, workspace.Keys, workspace.Registers);

    /// <summary>The report for <paramref name="user"/>, whom the access policy has already allowed a preliminary study.</summary>
    /// <exception cref="PreliminaryRefusedException">The budget is spent, or the answer would single out patients by differencing.</exception>
    /// <exception cref="PreliminaryUnavailableException">A worker was to count the study and did not.</exception>
    public async Task<PreliminaryReport> RunAsync(StudySpecification specification, string user, CancellationToken cancellationToken)
    {
        // Selecting a cohort needs the register keys; a coordinator without them has a worker count.
        var onWorkers = coordinator.Value.PreliminaryOnWorkers || !workspace.Keys.HoldsRegisterKeys;
        using var session = onWorkers ? null : LakeQuerySession.Open(LakeSnapshot.Take(workspace.Layout, workspace.Registers));
        IPreliminaryCounter counter = session is null
            ? services.GetRequiredService<WorkerPreliminaryCounter>()
            : new SessionPreliminaryCounter(session, new Pseudonymizer(workspace.Keys));
        // The service's disclosure rules; a caller has no say in them.
        var study = new PreliminaryStudy(counter, new DisclosureControl(disclosure.Value), audit, new DifferencingLedger(controlPlane, time));
        var group = ResearchGroup.Of(user, await permits.ListAsync(cancellationToken));
        return await study.RunAsync(specification, user, group, cancellationToken);
    }
}
