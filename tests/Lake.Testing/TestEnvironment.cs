namespace Lake.Testing;

/// <summary>Where the tests run: a developer's machine or CI.</summary>
public static class TestEnvironment
{
    /// <summary>True when the CI variable is "true", as CI services and this project's CI set it.</summary>
    public static bool IsCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Skips the test on a developer's machine, where a missing service is a local matter,
    /// but fails it on CI, where the same skip would let a broken pipeline go green.
    /// </summary>
    public static void IgnoreLocallyFailOnCi(string reason)
    {
        if (IsCi)
            Assert.Fail(reason);
        else
            Assert.Ignore(reason);
    }
}
