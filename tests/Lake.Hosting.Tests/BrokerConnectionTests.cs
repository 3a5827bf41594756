using Lake.Testing;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lake.Hosting.Tests;

[TestFixture]
public sealed class BrokerConnectionTests
{
    private const string Password = "pw-5b1d0c9e-not-for-logs";

    private TempDirectory _folder = null!;
    private string _passwordFile = "";

    [SetUp]
    public void WritePasswordFile()
    {
        _folder = new TempDirectory();
        _passwordFile = _folder.File("worker-password");
        File.WriteAllText(_passwordFile, Password + "\n");
    }

    [TearDown]
    public void RemoveFolder() => _folder.Dispose();

    [Test]
    public void From_UserAndPasswordFile_ReadsTheFirstLineAndTakesHostPortAndVirtualHostFromTheUri()
    {
        var broker = BrokerConnection.From(Options("amqp://broker.internal:5673/lake"));

        Assert.Multiple(() =>
        {
            Assert.That((broker.Host, broker.Port, broker.VirtualHost), Is.EqualTo(("broker.internal", 5673, "lake")));
            Assert.That((broker.Username, broker.Password), Is.EqualTo(("lake-worker", Password)));
            Assert.That(broker.UseTls, Is.False);
        });
    }

    [Test]
    public void From_UserInfoInUriOnly_UsesIt()
    {
        var broker = BrokerConnection.From(new MessagingOptions { RabbitMqUri = "amqp://lake-ingest:p%40ss@127.0.0.1/" });

        Assert.That((broker.Username, broker.Password, broker.Port, broker.VirtualHost), Is.EqualTo(("lake-ingest", "p@ss", 5672, "/")));
    }

    [TestCase("amqp://127.0.0.1:5672/", null, TestName = "From_NoUserAnywhere_FailsNamingTheSetting")]
    [TestCase("amqp://guest:guest@127.0.0.1:5672/", null, TestName = "From_GuestInUri_IsRefused")]
    [TestCase("amqp://127.0.0.1:5672/", "guest", TestName = "From_GuestAsUsername_IsRefused")]
    public void From_NoUsableUser_FailsNamingTheUsernameSetting(string uri, string? username)
    {
        Assert.That(() => BrokerConnection.From(new MessagingOptions { RabbitMqUri = uri, RabbitMqUsername = username }),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("Messaging:RabbitMqUsername"));
    }

    [Test]
    public void From_PasswordFileMissing_FailsNamingTheSettingAndNotAnyPassword()
    {
        var options = Options("amqp://lake-worker:" + Password + "@127.0.0.1/");
        options.RabbitMqPasswordFile = _folder.File("absent");

        Assert.That(() => BrokerConnection.From(options),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("Messaging:RabbitMqPasswordFile").And.Message.Not.Contains(Password));
    }

    [Test]
    public void ToString_Always_LeavesThePasswordOut()
    {
        var broker = BrokerConnection.From(Options("amqps://broker.internal/lake"));

        Assert.That(broker.ToString(), Is.EqualTo("lake-worker@broker.internal:5671/lake (TLS)"));
    }

    [Test]
    public void Redact_TextQuotingThePassword_ReplacesIt()
    {
        var broker = BrokerConnection.From(Options("amqp://127.0.0.1/"));

        Assert.That(broker.Redact($"login refused for lake-worker:{Password}"), Is.EqualTo("login refused for lake-worker:***"));
    }

    [Test]
    public void AddLakeMessaging_TlsConfigured_ReachesMassTransitsHostSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMqUri"] = "amqp://broker.internal/lake",
            ["Messaging:RabbitMqUsername"] = "lake-worker",
            ["Messaging:RabbitMqPasswordFile"] = _passwordFile,
            ["Messaging:UseTls"] = "true",
            ["Messaging:TlsServerName"] = "rabbitmq.lake.svc",
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLakeMessaging(_ => { });
        using var host = builder.Build();

        // The bus is created, not started: no broker is needed to read what it would connect with.
        var configuration = (IRabbitMqHostConfiguration)host.Services.GetRequiredService<IBusInstance>().HostConfiguration;
        var rabbit = configuration.Settings;
        Assert.Multiple(() =>
        {
            Assert.That((rabbit.Host, rabbit.Port, rabbit.VirtualHost), Is.EqualTo(("broker.internal", 5671, "lake")));
            Assert.That((rabbit.Username, rabbit.Password), Is.EqualTo(("lake-worker", Password)));
            Assert.That(rabbit.Ssl, Is.True);
            Assert.That(rabbit.SslServerName, Is.EqualTo("rabbitmq.lake.svc"));
            Assert.That(rabbit.SslProtocol, Is.EqualTo(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13));
            Assert.That(rabbit.PublisherConfirmation, Is.True);
        });
    }

    private MessagingOptions Options(string uri) => new()
    {
        Transport = MessagingTransport.RabbitMq,
        RabbitMqUri = uri,
        RabbitMqUsername = "lake-worker",
        RabbitMqPasswordFile = _passwordFile,
    };
}
