using Lake.Cli.Serving;
using Lake.Contracts.Extraction;
using Lake.Coordinator.ControlPlane;
using Lake.Extract.Specifications;

namespace Lake.Cli.Gateway;

/// <summary>A coordinator over HTTP, as the user `lake login` signed in.</summary>
internal sealed class RemoteCoordinator(CoordinatorClient client) : ICoordinatorGateway
{
    // No key ring here: a client of a coordinator must not make one of its own, whose tokens would
    // name other patients. A cohort of identity codes is submitted where the lake's key ring is.
    public StudySpecification ReadSpecification(string path) => SpecificationReader.Load(path);

    public async Task<RequestRecord> SubmitAsync(StudySpecification specification, string permitId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var submitted = await client.SubmitAsync(specification, permitId, cancellationToken);
        return submitted.State == RequestState.Refused ? submitted : await client.WaitAsync(submitted.Id, wait, cancellationToken);
    }

    public Task<RequestRecord?> FindAsync(Guid id, CancellationToken cancellationToken) => client.FindAsync(id, 0, cancellationToken);

    public Task<IReadOnlyList<RequestRecord>> ListAsync(CancellationToken cancellationToken) => client.ListAsync(cancellationToken);

    public void Dispose() => client.Dispose();
}
