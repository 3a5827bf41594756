using Microsoft.Extensions.Configuration;

namespace Lake.Cli;

/// <summary>
/// Configuration for the commands that build no host: the same sources in the same order as the
/// Generic Host (appsettings.json in the working folder, then environment variables), so a
/// setting means the same to `lake permit amend` as to `lake serve`.
/// </summary>
internal static class LakeConfiguration
{
    public static IConfiguration Build() =>
        new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
}
