using Lake.Contracts.Extraction;
using Lake.Coordinator.Access;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Specifications;

namespace Lake.Cli.Gateway;

/// <summary>
/// The coordinator in this process, over the data folder, for the caller the host account maps
/// to: the same policy and request service as `lake serve`, with the bus in memory unless
/// configured otherwise, waiting on the request's outcome event.
/// </summary>
internal sealed class LocalCoordinator(Workspace workspace, Caller caller) : ICoordinatorGateway
{
    private readonly AccessPolicy _policy = workspace.CreateAccessPolicy();

    public static async Task<LocalCoordinator> OpenAsync(Workspace workspace, CancellationToken cancellationToken) =>
        new(workspace, await LocalCaller.ResolveAsync(workspace, cancellationToken));

    public StudySpecification ReadSpecification(string path) => SpecificationReader.Load(path, workspace.Keys, workspace.Registers);

    public async Task<RequestRecord> SubmitAsync(StudySpecification specification, string permitId, TimeSpan wait, CancellationToken cancellationToken)
    {
        await LocalCaller.RequireAsync(workspace, caller, LakeAction.SubmitRequest, $"a request under permit {permitId}", permitId: permitId, cancellationToken: cancellationToken);
        var (_, record) = await RequestRunner.SubmitAndWaitAsync(workspace, specification, permitId, caller.Subject, wait, cancellationToken);
        return record;
    }

    public async Task<RequestRecord?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await workspace.OpenRequests().FindAsync(id, cancellationToken);
        return (await _policy.DecideAsync(caller, LakeAction.ViewRequest, $"request {id}", record, cancellationToken: cancellationToken)).Allowed ? record : null;
    }

    public async Task<IReadOnlyList<RequestRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await LocalCaller.RequireAsync(workspace, caller, LakeAction.ListRequests, "requests", cancellationToken: cancellationToken);
        return await _policy.VisibleAsync(caller, await workspace.OpenRequests().ListAsync(cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
    }
}
