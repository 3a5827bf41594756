using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Lake.Hosting;

/// <summary>
/// Where and as whom a process connects to RabbitMQ, resolved once from <see cref="MessagingOptions"/>:
/// the bus and the queue-depth probe connect with the same user and TLS settings. The password is
/// kept out of <see cref="ToString"/>, so no log line or message that shows the connection shows it.
/// </summary>
public sealed class BrokerConnection
{
    private const string GuestUser = "guest";

    private BrokerConnection(string host, int port, string virtualHost, string username, string password, bool useTls, string? tlsServerName, string? tlsCaCertificatePath)
    {
        Host = host;
        Port = port;
        VirtualHost = virtualHost;
        Username = username;
        Password = password;
        UseTls = useTls;
        TlsServerName = tlsServerName;
        TlsCaCertificatePath = tlsCaCertificatePath;
    }

    public string Host { get; }

    public int Port { get; }

    public string VirtualHost { get; }

    public string Username { get; }

    public string Password { get; }

    public bool UseTls { get; }

    /// <summary>The name the broker's certificate must carry: <see cref="MessagingOptions.TlsServerName"/> or the host.</summary>
    public string? TlsServerName { get; }

    public string? TlsCaCertificatePath { get; }

    /// <summary>
    /// Resolves the settings; throws <see cref="OptionsValidationException"/> naming the setting at
    /// fault (never its value) when the URI, user or password is missing or unusable.
    /// </summary>
    public static BrokerConnection From(MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.RabbitMqUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw Invalid("Messaging:RabbitMqUri must be an address such as amqp://broker.internal:5672/lake.");

        var (uriUser, uriPassword) = UserInfo(uri);
        var username = string.IsNullOrWhiteSpace(options.RabbitMqUsername) ? uriUser : options.RabbitMqUsername.Trim();
        if (string.IsNullOrEmpty(username))
            throw Invalid("Messaging:RabbitMqUsername is not set: each role connects with a broker user of its own (e.g. lake-worker).");
        // RabbitMQ's default account has every permission and a password everyone knows; the
        // broker allows it from loopback only, and Lake does not use it anywhere.
        if (string.Equals(username, GuestUser, StringComparison.Ordinal))
            throw Invalid("Messaging:RabbitMqUsername is 'guest', RabbitMQ's default account: give each role a broker user of its own (e.g. lake-worker).");

        var password = string.IsNullOrEmpty(options.RabbitMqPasswordFile) ? uriPassword : ReadPasswordFile(options.RabbitMqPasswordFile);
        if (string.IsNullOrEmpty(password))
            throw Invalid("Messaging:RabbitMqPasswordFile is not set: name the file holding the broker password of user " + username + ".");

        var useTls = options.UseTls || uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (useTls ? 5671 : 5672) : uri.Port;
        // "/lake" and "/" name the virtual hosts "lake" and "/"; "%2F" is "/" too.
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var virtualHost = path.Length == 0 ? "/" : path;
        var tlsServerName = useTls ? (string.IsNullOrWhiteSpace(options.TlsServerName) ? uri.Host : options.TlsServerName.Trim()) : null;
        var caPath = string.IsNullOrWhiteSpace(options.TlsCaCertificatePath) ? null : options.TlsCaCertificatePath;
        if (useTls && caPath is not null && !File.Exists(caPath))
            throw Invalid($"Messaging:TlsCaCertificatePath: no file at {caPath}.");
        return new BrokerConnection(uri.Host, port, virtualHost, username, password, useTls, tlsServerName, caPath);
    }

    /// <summary>The host settings of MassTransit's <c>UsingRabbitMq</c>: user, password and TLS.</summary>
    public void ApplyTo(IRabbitMqHostConfigurator host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Username(Username);
        host.Password(Password);
        if (UseTls)
        {
            host.UseSsl(ssl =>
            {
                ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                ssl.ServerName = TlsServerName;
                if (TlsCaCertificatePath is not null)
                    ssl.CertificateValidationCallback = TrustedBy(TlsCaCertificatePath);
            });
        }
    }

    /// <summary>A RabbitMQ client connection factory with the same user and TLS settings as the bus; one attempt, no recovery.</summary>
    public ConnectionFactory CreateConnectionFactory()
    {
        var factory = new ConnectionFactory
        {
            HostName = Host,
            Port = Port,
            VirtualHost = VirtualHost,
            UserName = Username,
            Password = Password,
            AutomaticRecoveryEnabled = false,
        };
        if (UseTls)
        {
            factory.Ssl = new SslOption
            {
                Enabled = true,
                ServerName = TlsServerName ?? Host,
                Version = SslProtocols.Tls12 | SslProtocols.Tls13,
            };
            if (TlsCaCertificatePath is not null)
                factory.Ssl.CertificateValidationCallback = TrustedBy(TlsCaCertificatePath);
        }

        return factory;
    }

    /// <summary>The text with this connection's password replaced, for a message that quotes a transport's error.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(Password, "***", StringComparison.Ordinal).Replace(Uri.EscapeDataString(Password), "***", StringComparison.Ordinal);
    }

    /// <summary>user@host:port/vhost, TLS or not; never the password.</summary>
    public override string ToString() => $"{Username}@{Host}:{Port}/{VirtualHost.TrimStart('/')}{(UseTls ? " (TLS)" : "")}";

    private static (string? User, string? Password) UserInfo(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
            return (null, null);
        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(uri.UserInfo), null)
            : (Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }

    private static string ReadPasswordFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The path is configuration, not a secret; the file's contents never reach the message.
            throw Invalid($"Messaging:RabbitMqPasswordFile: {path} cannot be read ({exception.GetType().Name}).");
        }

        // Secret files written by `echo` or a Kubernetes Secret from a literal end in a newline or not;
        // the password is the first line either way.
        return text.Split('\n')[0].TrimEnd('\r');
    }

    /// <summary>The broker's certificate must chain to one of the file's authorities and name the server; revocation is not checked (private CAs seldom publish lists).</summary>
    private static RemoteCertificateValidationCallback TrustedBy(string caPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caPath);
        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
                return true;
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var presented = new X509Certificate2(certificate);
            return chain.Build(presented);
        };
    }

    private static OptionsValidationException Invalid(string message) =>
        new(MessagingOptions.SectionName, typeof(MessagingOptions), [message]);
}
