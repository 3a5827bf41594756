using Lake.Coordinator.Requests;

namespace Lake.Coordinator.Tests.Requests;

/// <summary>The transfer targets' settings are refused at start with each problem named.</summary>
public sealed class TransferOptionsTests
{
    [Test]
    public void Problems_UsableTargets_None()
    {
        var options = new TransferOptions { TransferTargets = [Target("kapseli"), Target("tre-analytics")] };

        Assert.That(options.Problems(), Is.Empty);
    }

    [TestCase("Kapseli")]
    [TestCase("-kapseli")]
    [TestCase("kapseli/../x")]
    [TestCase("")]
    public void Problems_UnusableName_NamesIt(string name)
    {
        var options = new TransferOptions { TransferTargets = [Target(name)] };

        Assert.That(options.Problems().Single(), Does.StartWith($"Delivery:TransferTargets: '{name}' is not a usable name"));
    }

    [Test]
    public void Problems_TargetWithoutDescriptionOrListedTwice_SaysBoth()
    {
        var options = new TransferOptions { TransferTargets = [Target("kapseli"), new TransferTarget { Name = "kapseli" }] };

        Assert.That(options.Problems().ToList(), Has.Some.Contains("has no Description").And.Some.Contains("is listed 2 times"));
    }

    private static TransferTarget Target(string name) => new() { Name = name, Description = "an audited secure environment" };
}
