using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>
/// Each checkpoint as one message to the local syslog socket, which journald and rsyslog both
/// serve: a second copy in a log the database's writer usually cannot rewrite, and that the host
/// may forward elsewhere. Only the tree size and root go out, never an entry; a host without the
/// socket, or with a full one, simply gets no message.
/// </summary>
public sealed class SyslogCheckpoints(string socketPath, ILogger logger) : ICheckpointPublisher
{
    public const string DefaultSocket = "/dev/log";

    // Facility auth (4), severity notice (5): security events the host's auditors already watch.
    private const int Priority = 4 * 8 + 5;

    private bool _missingLogged;

    public void Publish(SignedTreeHead head)
    {
        if (!File.Exists(socketPath))
        {
            if (!_missingLogged)
                CheckpointLog.NoSyslog(logger, socketPath);
            _missingLogged = true;
            return;
        }

        var message = string.Create(CultureInfo.InvariantCulture,
            $"<{Priority}>lake-audit[{Environment.ProcessId}]: checkpoint tree_size={head.TreeSize} root={head.RootHash}");
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            // A syslog daemon that has stopped reading must not stall the decision being audited.
            socket.Blocking = false;
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            socket.Send(Encoding.UTF8.GetBytes(message));
        }
        catch (SocketException e)
        {
            CheckpointLog.SyslogFailed(logger, head.TreeSize, e.SocketErrorCode.ToString());
        }
    }
}
