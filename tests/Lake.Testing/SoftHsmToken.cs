using System.Diagnostics;
using System.Runtime.InteropServices;
using Lake.Pseudonymization.Pkcs11;

namespace Lake.Testing;

/// <summary>
/// The test run's private SoftHSM token: the one the README's test command made (its settings in
/// LAKE_TEST_PKCS11_* and SOFTHSM2_CONF), or else one this process makes once with
/// scripts/softhsm-token.sh in a temporary folder. Each caller gets keys of its own on it, under
/// a label prefix nobody else uses, so tests never share keys and need no token each.
/// </summary>
public static class SoftHsmToken
{
    /// <summary>Set to 1 to skip the tests that need a token; without it a token that cannot be made fails them.</summary>
    public const string NoHsmVariable = "LAKE_TEST_NO_HSM";

    private static readonly Lazy<TokenSettings> Shared = new(CreateOrReuse, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Settings for a fresh, empty set of lake keys on the token; opening a store with them provisions it.</summary>
    public static Pkcs11KeyStoreOptions FreshKeys()
    {
        if (Environment.GetEnvironmentVariable(NoHsmVariable) == "1")
            Assert.Ignore($"{NoHsmVariable}=1: the tests that need a PKCS#11 token (SoftHSM) are skipped.");

        TokenSettings token;
        try
        {
            token = Shared.Value;
        }
        catch (InvalidOperationException e)
        {
            // Not a skip: CI must not go green without these tests. Set LAKE_TEST_NO_HSM=1 to skip them knowingly.
            Assert.Fail($"{e.Message} (set {NoHsmVariable}=1 to skip the PKCS#11 tests knowingly)");
            throw;
        }

        return new Pkcs11KeyStoreOptions
        {
            Module = token.Module,
            TokenLabel = token.Label,
            PinFile = token.PinFile,
            LabelPrefix = "test-" + Guid.NewGuid().ToString("N")[..12],
        };
    }

    private static TokenSettings CreateOrReuse()
    {
        var module = Environment.GetEnvironmentVariable("LAKE_TEST_PKCS11_MODULE");
        var label = Environment.GetEnvironmentVariable("LAKE_TEST_PKCS11_TOKEN");
        var pinFile = Environment.GetEnvironmentVariable("LAKE_TEST_PKCS11_PIN_FILE");
        if (!string.IsNullOrEmpty(module) && !string.IsNullOrEmpty(label) && !string.IsNullOrEmpty(pinFile))
            return new TokenSettings(module, label, pinFile);

        var folder = Path.Combine(Path.GetTempPath(), "lake-softhsm-" + Guid.NewGuid().ToString("N"));
        var script = Script();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "create", folder })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started to create a SoftHSM token.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)) || process.ExitCode != 0)
            throw new InvalidOperationException($"No SoftHSM token could be created with {script}: {error.Trim()}");

        _ = output.Result;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder(folder);
        var settings = File.ReadAllLines(Path.Combine(folder, "env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

        // SoftHSM reads SOFTHSM2_CONF from the C environment when the module initializes; the runtime's
        // Environment.SetEnvironmentVariable does not reach that one on Unix, setenv does.
        if (SetEnvironmentVariable("SOFTHSM2_CONF", settings["SOFTHSM2_CONF"], 1) != 0)
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", settings["SOFTHSM2_CONF"]);
        return new TokenSettings(settings["LAKE_TEST_PKCS11_MODULE"], settings["LAKE_TEST_PKCS11_TOKEN"], settings["LAKE_TEST_PKCS11_PIN_FILE"]);
    }

    private static string Script()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "scripts", "softhsm-token.sh");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException($"No scripts/softhsm-token.sh above {AppContext.BaseDirectory}.");
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; the README's test command removes its whole temp folder anyway.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironmentVariable([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    private sealed record TokenSettings(string Module, string Label, string PinFile);
}
