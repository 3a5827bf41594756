using Lake.Contracts.Files;
using Lake.Contracts.Lake;

namespace Lake.Ingest;

/// <summary>
/// An exclusive lock on one batch id for the life of its ingest, so two processes given the same
/// feed cannot write the same files; the operating system releases it if the process dies.
/// </summary>
internal sealed class BatchLock : IDisposable
{
    private readonly FileStream _stream;

    private BatchLock(FileStream stream) => _stream = stream;

    /// <exception cref="BatchBusyException">Another process holds the lock.</exception>
    /// <exception cref="RefusedPathException">The locks folder or the lock's name is a planted link.</exception>
    public static BatchLock Acquire(LakeLayout layout, string batchId)
    {
        var path = Path.Combine(layout.LocksFolder, batchId + ".lock");
        try
        {
            return new BatchLock(ContainedFiles.OpenOrCreate(layout.Root, path, FileShare.None, FileOptions.DeleteOnClose));
        }
        catch (IOException e) when (e is not RefusedPathException)
        {
            throw new BatchBusyException(batchId);
        }
    }

    public void Dispose() => _stream.Dispose();
}
