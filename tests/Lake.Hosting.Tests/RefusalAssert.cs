namespace Lake.Hosting.Tests;

/// <summary>How a `lake` process refuses what a person can fix: one line `error: ...` and exit code 2, never a stack trace.</summary>
internal static class RefusalAssert
{
    public static void OneErrorLine(int exitCode, string output, string expected)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(lines, Has.Length.EqualTo(1), output);
            Assert.That(lines.FirstOrDefault(), Does.StartWith("error: ").And.Contain(expected));
            Assert.That(output, Does.Not.Contain(" at Lake.").And.Not.Contain("Exception"), "no stack trace");
        });
    }
}
