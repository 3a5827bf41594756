namespace Lake.Testing;

/// <summary>NUnit categories, so a run can pick tests by what they need: <c>--filter "TestCategory!=RabbitMq"</c>.</summary>
public static class TestCategories
{
    /// <summary>Needs a RabbitMQ broker; the README's test command starts a private one.</summary>
    public const string RabbitMq = "RabbitMq";

    /// <summary>Crosses process or project boundaries; slower than a unit test.</summary>
    public const string Integration = "Integration";

    /// <summary>Creates real operating-system accounts (useradd, as root) and reads files as them; the README's test command installs setfacl.</summary>
    public const string OsAccounts = "OsAccounts";
}
