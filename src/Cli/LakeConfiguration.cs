using Lake.Extract.Access;
using Lake.Pseudonymization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Lake.Cli;

/// <summary>
/// Lake's configuration, the same for every command and every host a command builds, read in this
/// order (a later source overrides an earlier one): the installation's <c>appsettings.json</c>
/// (<see cref="Installation"/>), the data folder's <c>appsettings.json</c>, each followed by its
/// <c>appsettings.{environment}.json</c>, then environment variables (<c>Section__Key</c>, and the
/// same with a <c>Lake__</c> prefix, which wins). A command's own options override all of these.
/// Never the working folder's: a command means the same wherever it is run.
/// </summary>
internal static class LakeConfiguration
{
    /// <summary>The prefix that marks an environment variable as Lake's (<c>Lake__Messaging__Transport</c>).</summary>
    public const string EnvironmentPrefix = "Lake__";

    /// <summary>As the Generic Host decides it: production unless DOTNET_ENVIRONMENT names another environment.</summary>
    public static bool IsProduction => string.Equals(EnvironmentName, "Production", StringComparison.OrdinalIgnoreCase);

    private static string EnvironmentName => Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";

    /// <param name="dataFolder">The data folder whose settings apply; none for a command without one (`lake keys`).</param>
    public static IConfiguration Build(string? dataFolder = null) => AddSources(new ConfigurationBuilder(), dataFolder).Build();

    /// <summary>
    /// Puts Lake's sources in place of a host builder's defaults (which read the working folder's
    /// appsettings.json), so that a host reads exactly what <see cref="Build"/> reads.
    /// </summary>
    public static void ReplaceSources(IConfigurationBuilder configuration, string dataFolder)
    {
        // The host's own settings (content root, environment name, DOTNET_ and ASPNETCORE_ variables) stay.
        var defaults = configuration.Sources
            .Where(source => source is JsonConfigurationSource or EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            .ToList();
        foreach (var source in defaults)
            configuration.Sources.Remove(source);
        AddSources(configuration, dataFolder);
    }

    /// <summary>The <c>Keys</c> section; the key ring file when it is absent.</summary>
    public static KeyStoreOptions Keys(IConfiguration? configuration = null) =>
        (configuration ?? Build()).GetSection(KeyStoreOptions.SectionName).Get<KeyStoreOptions>() ?? new KeyStoreOptions();

    /// <summary>The <c>Accounts</c> section; defaults when it is absent.</summary>
    public static AccountsOptions Accounts(IConfiguration configuration) =>
        configuration.GetSection(AccountsOptions.SectionName).Get<AccountsOptions>() ?? new AccountsOptions();

    /// <summary>The data service's disclosure rules (section <c>Disclosure</c>); the defaults when none are configured.</summary>
    /// <exception cref="ArgumentException">The configured rules are not usable; the message names each setting.</exception>
    public static Extract.Disclosure.DisclosurePolicy Disclosure(IConfiguration configuration)
    {
        var policy = configuration.GetSection(Extract.Disclosure.DisclosurePolicy.SectionName).Get<Extract.Disclosure.DisclosurePolicy>() ?? new Extract.Disclosure.DisclosurePolicy();
        var problems = policy.Problems().ToList();
        return problems.Count == 0 ? policy : throw new ArgumentException(string.Join(" ", problems));
    }

    private static IConfigurationBuilder AddSources(IConfigurationBuilder builder, string? dataFolder)
    {
        // What the installation ships is found beside the program, not in the working folder.
        builder.AddInMemoryCollection(new Dictionary<string, string?> { [$"{Portal.PortalOptions.SectionName}:{nameof(Portal.PortalOptions.PriceList)}"] = Installation.PriceList });
        AddSettingsFiles(builder, Installation.Root);
        if (dataFolder is not null)
            AddSettingsFiles(builder, Path.GetFullPath(dataFolder));
        return builder.AddEnvironmentVariables().AddEnvironmentVariables(EnvironmentPrefix);
    }

    private static void AddSettingsFiles(IConfigurationBuilder builder, string folder) =>
        builder.AddJsonFile(Path.Combine(folder, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, $"appsettings.{EnvironmentName}.json"), optional: true);
}
