using System.Collections.Concurrent;
using Lake.Contracts.Registers;

namespace Lake.Ingest.Writing;

/// <summary>
/// Row-group buffers of one batch, shared by its partitions. A buffer of a few megabytes lands on
/// the large object heap; allocating one per row group made the collector sweep that heap again
/// and again, and a pool per partition would keep a spare per year of the feed. Shared, the batch
/// holds one buffer per open partition and one per pending write.
/// </summary>
internal sealed class RowGroupBuffers(RegisterDefinition register, int rowGroupSize)
{
    private readonly ConcurrentBag<RowGroupBuffer> _free = [];

    public RowGroupBuffer Rent() => _free.TryTake(out var buffer) ? buffer : new RowGroupBuffer(register, rowGroupSize);

    /// <summary>Gives back a buffer whose rows are written.</summary>
    public void Return(RowGroupBuffer buffer)
    {
        buffer.Clear();
        _free.Add(buffer);
    }
}
