namespace Lake.Testing;

/// <summary>
/// A RabbitMQ broker for tests and the broker users it has: the private node's (one user per role,
/// passwords in files of its <c>secrets/</c> folder) or, when the tests are given another broker
/// in <c>LAKE_TEST_RABBITMQ</c> without a secrets folder, that URI's own user for every role.
/// </summary>
public sealed class TestBroker
{
    private readonly string _uri;
    private readonly string? _secrets;

    /// <param name="uri">The broker's AMQP URI: host, port and virtual host.</param>
    /// <param name="secrets">Folder holding one password file per user, named after the user; null when the URI carries the user.</param>
    public TestBroker(string uri, string? secrets)
    {
        _uri = uri;
        _secrets = secrets;
    }

    /// <summary>The broker the README's test command started (<c>LAKE_TEST_RABBITMQ</c>, <c>LAKE_TEST_RABBITMQ_SECRETS</c>), or a local one.</summary>
    public static TestBroker FromEnvironment() => new(
        System.Environment.GetEnvironmentVariable("LAKE_TEST_RABBITMQ") ?? "amqp://127.0.0.1:5672/",
        System.Environment.GetEnvironmentVariable("LAKE_TEST_RABBITMQ_SECRETS") is { Length: > 0 } secrets ? secrets : null);

    /// <summary>Host, port and virtual host, without user.</summary>
    public string Uri => _secrets is null ? new UriBuilder(_uri) { UserName = "", Password = "" }.Uri.ToString() : _uri;

    /// <summary>The same broker on another virtual host (created with <see cref="PrivateRabbitMqNode.AddVirtualHostAsync"/>).</summary>
    public TestBroker OnVirtualHost(string name) => new(new UriBuilder(_uri) { Path = "/" + name }.Uri.ToString(), _secrets);

    public static string UserName(BrokerRole role) => role switch
    {
        BrokerRole.Admin => "lake-admin",
        BrokerRole.Coordinator => "lake-coordinator",
        BrokerRole.Worker => "lake-worker",
        BrokerRole.Ingest => "lake-ingest",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The file holding the role's password; null when the URI carries the user.</summary>
    public string? PasswordFile(BrokerRole role) => _secrets is null ? null : Path.Combine(_secrets, UserName(role));

    /// <summary>The role's password, to check that it shows nowhere.</summary>
    public string Password(BrokerRole role) => PasswordFile(role) is { } file
        ? File.ReadAllText(file).Trim()
        : System.Uri.UnescapeDataString(new Uri(_uri).UserInfo.Split(':', 2).ElementAtOrDefault(1) ?? "");

    /// <summary>The URI with the role's user and password in it, for the RabbitMQ client and the tests' own buses.</summary>
    public string AmqpUri(BrokerRole role) => PasswordFile(role) is null
        ? _uri
        : new UriBuilder(_uri) { UserName = UserName(role), Password = System.Uri.EscapeDataString(Password(role)) }.Uri.ToString();

    /// <summary>Lake's configuration for a process of the role, keys as in appsettings.json (<c>Messaging:RabbitMqUri</c>).</summary>
    public Dictionary<string, string?> Settings(BrokerRole role)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMqUri"] = _uri,
        };
        if (PasswordFile(role) is { } file)
        {
            settings["Messaging:RabbitMqUsername"] = UserName(role);
            settings["Messaging:RabbitMqPasswordFile"] = file;
        }

        return settings;
    }

    /// <summary><see cref="Settings"/> as environment variables (<c>Messaging__RabbitMqUri</c>) for a <c>lake</c> process.</summary>
    public Dictionary<string, string> Environment(BrokerRole role) =>
        Settings(role).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    public override string ToString() => Uri;
}
