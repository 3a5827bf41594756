namespace Lake.EndToEnd.Tests;

/// <summary>
/// The product's `lake` (src/Cli, what the image runs) has no synthetic data generator: `demo` and
/// `synth` belong to a development checkout's command line (tools/DevelopmentCli, run by ./lake).
/// </summary>
public sealed class ProductCommandLineTests
{
    [TestCase("demo")]
    [TestCase("synth")]
    public async Task DevelopmentCommand_InTheProduct_SaysWhereItIsAndExitsWithAUserError(string command)
    {
        var result = await LakeConsole.RunAsync(command, "--patients", "10");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(Cli.Commands.CommandAction.UserError));
            Assert.That(result.Output, Does.Contain($"'lake {command}' is a development tool").And.Contain($"./lake {command}"));
            Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void ProductAssembly_ReferencesNoSyntheticGenerator()
    {
        var product = typeof(Cli.Commands.LakeCommandLine).Assembly;

        Assert.That(product.GetReferencedAssemblies().Select(a => a.Name), Has.None.StartsWith("Lake.Synthetic"));
    }

    [Test]
    public void ProductProject_ReferencesOnlyProjectsUnderSrc()
    {
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Cli", "Lake.Cli.csproj"));

        var references = project.Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!).ToList();

        Assert.That(references, Is.Not.Empty.And.All.StartsWith("../").And.None.Contains("tools"));
    }

    [Test]
    public void ProductImage_CopiesNoTools()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "deploy", "Dockerfile"));

        Assert.That(dockerfile.Where(line => line.StartsWith("COPY ", StringComparison.Ordinal)), Has.None.Contains("tools"));
    }
}
