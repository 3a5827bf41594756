namespace Lake.Pseudonymization.Tests;

[NonParallelizable] // Sets LAKE_KEYRING and XDG_CONFIG_HOME, which are process-wide.
public sealed class KeyRingLocationTests
{
    private string? _savedKeyRing;
    private string? _savedConfigHome;

    [SetUp]
    public void SaveEnvironment()
    {
        _savedKeyRing = Environment.GetEnvironmentVariable(KeyRingLocation.EnvironmentVariable);
        _savedConfigHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
    }

    [TearDown]
    public void RestoreEnvironment()
    {
        Environment.SetEnvironmentVariable(KeyRingLocation.EnvironmentVariable, _savedKeyRing);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", _savedConfigHome);
    }

    [Test]
    public void Resolve_ExplicitPath_WinsOverEnvironment()
    {
        Environment.SetEnvironmentVariable(KeyRingLocation.EnvironmentVariable, "/srv/from-environment.json");

        Assert.That(KeyRingLocation.Resolve("/srv/explicit.json"), Is.EqualTo("/srv/explicit.json"));
    }

    [Test]
    public void Resolve_EnvironmentVariableSet_ReturnsIt()
    {
        Environment.SetEnvironmentVariable(KeyRingLocation.EnvironmentVariable, "/srv/lake-keys/ring.json");
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", "/srv/config");

        Assert.That(KeyRingLocation.Resolve(), Is.EqualTo("/srv/lake-keys/ring.json"));
    }

    [Test]
    public void Resolve_RelativeEnvironmentPath_ReturnsFullPath()
    {
        Environment.SetEnvironmentVariable(KeyRingLocation.EnvironmentVariable, "ring.json");

        Assert.That(KeyRingLocation.Resolve(), Is.EqualTo(Path.GetFullPath("ring.json")));
    }

    [Test]
    public void Resolve_OnlyXdgConfigHome_UsesLakeFolderThere()
    {
        Environment.SetEnvironmentVariable(KeyRingLocation.EnvironmentVariable, null);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", "/srv/config");

        Assert.That(KeyRingLocation.Resolve(), Is.EqualTo("/srv/config/lake/keyring.json"));
    }

    // The XDG specification says relative values are invalid and must be ignored.
    [TestCase(null)]
    [TestCase("")]
    [TestCase("relative/config")]
    public void Resolve_NoUsableVariables_UsesHomeConfigFolder(string? configHome)
    {
        Environment.SetEnvironmentVariable(KeyRingLocation.EnvironmentVariable, null);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", configHome);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.That(KeyRingLocation.Resolve(), Is.EqualTo(Path.Combine(home, ".config", "lake", "keyring.json")));
    }
}
