namespace Lake.Pseudonymization;

/// <summary>
/// Where the key ring file lives. The default is in the user's configuration folder, outside
/// the lake folder, so that copying or sharing the lake never copies the keys with it.
/// </summary>
public static class KeyRingLocation
{
    public const string EnvironmentVariable = "LAKE_KEYRING";

    /// <summary>
    /// The explicit path if given, else <c>$LAKE_KEYRING</c>, else <c>$XDG_CONFIG_HOME/lake/keyring.json</c>,
    /// else <c>~/.config/lake/keyring.json</c>; always returned as a full path.
    /// </summary>
    public static string Resolve(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return Path.GetFullPath(explicitPath);

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);

        // The XDG base directory specification says a relative value is invalid and must be ignored.
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configHome) || !Path.IsPathFullyQualified(configHome))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                throw new InvalidOperationException(
                    $"Cannot locate the key ring: no home folder is known. Set {EnvironmentVariable} to the key ring file path.");
            }

            configHome = Path.Combine(home, ".config");
        }

        return Path.GetFullPath(Path.Combine(configHome, "lake", "keyring.json"));
    }
}
