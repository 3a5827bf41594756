using System.Diagnostics;
using Lake.Contracts.Registers;
using Lake.Ingest.Descriptors;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The built <c>lake</c> with its stdout going into a pipe, as in <c>lake registers show visit | less</c>:
/// long descriptions and table cells stay on one line each, no word broken at column 80.
/// </summary>
public sealed class PipedOutputTests
{
    [Test]
    public async Task RegistersShow_Piped_KeepsTheDescriptionAndEveryColumnsMeaningOnOneLine()
    {
        var register = RegisterCatalog.Shipped.Get("inpatient_period");
        Assume.That(register.Description, Has.Length.GreaterThan(100), "a description longer than 80 columns");

        var output = await PipedAsync("registers", "show", register.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Lines(output), Has.Some.Contains(register.Description));
            foreach (var column in register.Columns.Where(c => c.Description.Length > 0))
                Assert.That(Lines(output), Has.Some.Contains(column.Description), column.Name);
        });
    }

    [Test]
    public async Task SourcesShow_Piped_KeepsTheDescriptionOnOneLine()
    {
        var descriptor = SourceDescriptorLoader.Load(Path.Combine(RepositoryPaths.Sources, "fhir", "fhir-r4-observation.yaml"));
        Assume.That(descriptor.Description, Has.Length.GreaterThan(80));

        var output = await PipedAsync("sources", "show", "fhir/fhir-r4-observation");

        Assert.That(Lines(output), Has.Some.Contains(descriptor.Description));
    }

    private static string[] Lines(string output) => output.ReplaceLineEndings("\n").Split('\n');

    private static async Task<string> PipedAsync(params string[] args)
    {
        using var root = new TempDirectory("lake-piped");
        var data = Path.Combine(root.Path, "data");
        Assert.That((await LakeConsole.RunAsync("init", "--data", data)).ExitCode, Is.Zero);
        var start = LakeCommand.StartInfo(root.Path, new Dictionary<string, string>(),
            [.. args, "--data", data, "--keyring", Path.Combine(root.Path, "keyring.json"), "--sources", RepositoryPaths.Sources]);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await error);
        return await output;
    }
}
