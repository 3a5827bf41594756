using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Lake.Cli;
using Lake.Hosting.Tests.Telemetry;
using Lake.Testing;

namespace Lake.Hosting.Tests.Deploy;

/// <summary>
/// What deploy/Dockerfile ships, without a Docker engine: the CLI published as its build stage
/// publishes it, run on only the shared frameworks its runtime stage's base image holds (a private
/// DOTNET_ROOT of links into the installed SDK's). `lake serve` must start and answer /healthz.
/// </summary>
[TestFixture]
[Category("Deploy")]
[Category(TestCategories.Integration)]
[NonParallelizable] // A Release publish of the whole CLI: two at once would compete for the same obj folders.
public sealed partial class DockerImageTests
{
    private const string NetCore = "Microsoft.NETCore.App";
    private const string AspNetCore = "Microsoft.AspNetCore.App";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(300);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private TempDirectory _folder = null!;
    private string _published = "";
    private string _dockerfile = "";

    private static string Repository => Path.GetDirectoryName(SourceFolder.Resolve(null))!;

    [OneTimeSetUp]
    public async Task PublishAsTheBuildStageDoes()
    {
        _folder = new TempDirectory("lake-image");
        _dockerfile = await File.ReadAllTextAsync(Path.Combine(Repository, "deploy", "Dockerfile"));
        _published = _folder.File("app");
        var arguments = PublishArguments(_dockerfile, _published);

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} took more than {PublishTimeout.TotalSeconds:0} s");
        }

        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)}:\n{await output}{await errors}");
    }

    [OneTimeTearDown]
    public void RemoveFolder() => _folder?.Dispose();

    [Test]
    public void RuntimeStage_BaseImage_HoldsAspNetCore()
    {
        Assert.That(Frameworks(RuntimeImage(_dockerfile)), Does.Contain(AspNetCore), "the coordinator is an ASP.NET Core application");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Serve_OnTheRuntimeImagesFrameworks_AnswersHealthz()
    {
        using var serve = StartServe(Frameworks(RuntimeImage(_dockerfile)), out var url);

        var (_, body) = await serve.WaitForStatusAsync(new Uri(url, "/healthz"), 200, StartTimeout);

        Assert.That(body, Does.Contain("Healthy"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Serve_OnThePlainRuntimesFrameworks_FailsToStartNamingAspNetCore()
    {
        using var serve = StartServe(Frameworks("mcr.microsoft.com/dotnet/runtime:10.0"), out _);

        await serve.WaitForExitAsync(StartTimeout);

        Assert.Multiple(() =>
        {
            Assert.That(serve.ExitCode, Is.Not.Zero);
            Assert.That(serve.Output, Does.Contain(AspNetCore));
        });
    }

    /// <summary>The build stage's <c>RUN dotnet publish ...</c>, with its output folder moved to <paramref name="output"/>.</summary>
    private static List<string> PublishArguments(string dockerfile, string output)
    {
        var match = PublishLine().Match(dockerfile);
        Assert.That(match.Success, Is.True, "deploy/Dockerfile has a `RUN dotnet publish` line");
        var arguments = match.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var o = arguments.FindIndex(a => a is "-o" or "--output");
        Assert.That(o, Is.GreaterThanOrEqualTo(0).And.LessThan(arguments.Count - 1), "the publish names its output folder");
        arguments[o + 1] = output;
        return ["publish", .. arguments];
    }

    /// <summary>The image of the last stage, the one that ships.</summary>
    private static string RuntimeImage(string dockerfile)
    {
        var stages = FromLine().Matches(dockerfile);
        Assert.That(stages, Is.Not.Empty, "deploy/Dockerfile has FROM lines");
        return stages[^1].Groups["image"].Value;
    }

    /// <summary>The shared frameworks Microsoft's .NET images contain, by image name.</summary>
    private static string[] Frameworks(string image)
    {
        var name = image.Split(':')[0];
        return name switch
        {
            "mcr.microsoft.com/dotnet/runtime" => [NetCore],
            "mcr.microsoft.com/dotnet/aspnet" => [NetCore, AspNetCore],
            "mcr.microsoft.com/dotnet/sdk" => [NetCore, AspNetCore],
            _ => throw new AssertionException($"Unknown runtime image {image}: say which shared frameworks it holds"),
        };
    }

    private LakeProcess StartServe(string[] frameworks, out Uri url)
    {
        var root = DotnetRoot(frameworks);
        var data = _folder.File("data-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(data, "lake"));
        url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ROOT"] = root,
            // Only the frameworks given: no looking elsewhere, no rolling forward to what is not there.
            ["DOTNET_MULTILEVEL_LOOKUP"] = "0",
        };
        return LakeProcess.Start(Path.Combine(root, "dotnet"), Path.Combine(_published, "lake.dll"), data, environment,
            "serve", "--url", url.ToString(), "--data", data, "--keyring", Path.Combine(data, "keyring.json"));
    }

    /// <summary>
    /// A .NET install holding only <paramref name="frameworks"/>: links into the running one's
    /// <c>host/</c> and <c>shared/</c> folders, and a copy of the <c>dotnet</c> host, which finds its
    /// root from its own resolved path (a link to it would lead back to the full install).
    /// </summary>
    private string DotnetRoot(string[] frameworks)
    {
        var installed = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var root = _folder.File("dotnet-" + string.Join('+', frameworks.Select(f => f.Split('.')[1])));
        if (Directory.Exists(root))
            return root;
        Directory.CreateDirectory(Path.Combine(root, "shared"));
        // File.Copy keeps the execute bits on Unix.
        File.Copy(Path.Combine(installed, "dotnet"), Path.Combine(root, "dotnet"));
        Directory.CreateSymbolicLink(Path.Combine(root, "host"), Path.Combine(installed, "host"));
        foreach (var framework in frameworks)
            Directory.CreateSymbolicLink(Path.Combine(root, "shared", framework), Path.Combine(installed, "shared", framework));
        return root;
    }

    [GeneratedRegex(@"^RUN dotnet publish (?<args>[^\r\n]+)$", RegexOptions.Multiline)]
    private static partial Regex PublishLine();

    [GeneratedRegex(@"^FROM (?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();
}
