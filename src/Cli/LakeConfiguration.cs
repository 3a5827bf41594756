using Lake.Extract.Access;
using Lake.Pseudonymization;
using Microsoft.Extensions.Configuration;

namespace Lake.Cli;

/// <summary>
/// Configuration for the commands that run without a host (`lake permit amend`, ...): the same
/// sources, in the same order, as the Generic Host the other commands build (appsettings.json and
/// appsettings.{environment}.json in the working folder, optional, then environment variables), so
/// a setting means the same to every command.
/// </summary>
internal static class LakeConfiguration
{
    /// <summary>As the Generic Host decides it: production unless DOTNET_ENVIRONMENT names another environment.</summary>
    public static bool IsProduction => string.Equals(EnvironmentName, "Production", StringComparison.OrdinalIgnoreCase);

    private static string EnvironmentName => Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";

    public static IConfiguration Build()
    {
        var environment = EnvironmentName;
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }

    /// <summary>The <c>Keys</c> section; the key ring file when it is absent.</summary>
    public static KeyStoreOptions Keys() =>
        Build().GetSection(KeyStoreOptions.SectionName).Get<KeyStoreOptions>() ?? new KeyStoreOptions();

    /// <summary>The <c>Accounts</c> section; defaults when it is absent.</summary>
    public static AccountsOptions Accounts() =>
        Build().GetSection(AccountsOptions.SectionName).Get<AccountsOptions>() ?? new AccountsOptions();

    /// <summary>The data service's disclosure rules (section <c>Disclosure</c>); the defaults when none are configured.</summary>
    /// <exception cref="ArgumentException">The configured rules are not usable; the message names each setting.</exception>
    public static Extract.Disclosure.DisclosurePolicy Disclosure()
    {
        var policy = Build().GetSection(Extract.Disclosure.DisclosurePolicy.SectionName).Get<Extract.Disclosure.DisclosurePolicy>() ?? new Extract.Disclosure.DisclosurePolicy();
        var problems = policy.Problems().ToList();
        return problems.Count == 0 ? policy : throw new ArgumentException(string.Join(" ", problems));
    }
}
