using System.Net.Sockets;
using System.Text;
using Lake.Coordinator.Audit;
using Lake.Coordinator.Audit.Checkpoints;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lake.Coordinator.Tests.Audit.Checkpoints;

public sealed class SyslogCheckpointsTests
{
    private static readonly SignedTreeHead Head = new(42, new string('a', 64), DateTimeOffset.UnixEpoch, new string('b', 64));

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("lake-syslog");

    [TearDown]
    public void RemoveFolder() => _folder.Dispose();

    [Test]
    public void Publish_SocketListening_SendsSizeAndRootOnly()
    {
        var path = _folder.File("log");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.ReceiveTimeout = 5000;

        new SyslogCheckpoints(path, NullLogger.Instance).Publish(Head);
        var buffer = new byte[1024];
        var message = Encoding.UTF8.GetString(buffer, 0, listener.Receive(buffer));

        Assert.Multiple(() =>
        {
            Assert.That(message, Does.StartWith("<37>lake-audit["));
            Assert.That(message, Does.EndWith($"checkpoint tree_size=42 root={Head.RootHash}"));
            Assert.That(message, Does.Not.Contain(Head.Mac));
        });
    }

    [Test]
    public void Publish_NoSocket_DoesNothingAndDoesNotThrow()
    {
        Assert.That(() => new SyslogCheckpoints(_folder.File("no-such-socket"), NullLogger.Instance).Publish(Head), Throws.Nothing);
    }

    [Test]
    public void Publish_SocketFileWithNobodyListening_DoesNotThrow()
    {
        // A socket left behind by a syslog daemon that has stopped: connect is refused.
        var path = _folder.File("stale");
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
            stale.Bind(new UnixDomainSocketEndPoint(path));

        Assert.That(() => new SyslogCheckpoints(path, NullLogger.Instance).Publish(Head), Throws.Nothing);
    }
}
