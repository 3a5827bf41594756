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

    /// <summary>
    /// Uses a real PKCS#11 token: a private SoftHSM token that the README's test command (or the test itself,
    /// with scripts/softhsm-token.sh) creates. Skipped only with LAKE_TEST_NO_HSM=1; otherwise a token that cannot be made fails the test.
    /// </summary>
    public const string Pkcs11 = "Pkcs11";

    /// <summary>
    /// Drives the system's headless Chromium through chromedriver (Debian packages chromium and
    /// chromium-driver, which the README's test command installs) against a real `lake serve`.
    /// Skipped locally without them, failed on CI.
    /// </summary>
    public const string Browser = "Browser";
}
