namespace Lake.Ingest.Tests.Reading;

/// <summary>Bytes handed out a few at a time, the sizes cycling 1, 2, 3: every boundary a block reader can meet, inside a character too.</summary>
internal sealed class TricklingStream(byte[] bytes) : MemoryStream(bytes)
{
    private int _next;

    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, NextSize()));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, NextSize())]);

    private int NextSize() => _next++ % 3 + 1;
}
