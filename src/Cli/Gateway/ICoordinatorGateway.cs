using Lake.Contracts.Extraction;
using Lake.Coordinator.ControlPlane;

namespace Lake.Cli.Gateway;

/// <summary>
/// The one way the request commands reach the coordinator: in this process over the data folder,
/// as the host account's Lake user (<see cref="LocalCoordinator"/>), or over HTTP as the
/// signed-in user (<see cref="RemoteCoordinator"/>). Either way the coordinator decides.
/// </summary>
internal interface ICoordinatorGateway : IDisposable
{
    /// <summary>Reads a specification the way this side may: only the lake host holds the key ring that turns identity codes into tokens.</summary>
    StudySpecification ReadSpecification(string path);

    /// <summary>Submits and waits for the outcome: delivered, refused or failed (or the wait runs out).</summary>
    Task<RequestRecord> SubmitAsync(StudySpecification specification, string permitId, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>The request, or null when there is none the caller may see (the same answer for both).</summary>
    Task<RequestRecord?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<RequestRecord>> ListAsync(CancellationToken cancellationToken);
}
