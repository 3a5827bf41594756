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

    public static BatchLock Acquire(string locksFolder, string batchId)
    {
        OwnerOnly.CreateFolder(locksFolder);
        var path = Path.Combine(locksFolder, batchId + ".lock");
        try
        {
            return new BatchLock(OwnerOnly.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException)
        {
            throw new BatchBusyException(batchId);
        }
    }

    public void Dispose() => _stream.Dispose();
}
