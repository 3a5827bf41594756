using System.Diagnostics;

namespace Lake.Testing;

/// <summary>
/// Real accounts on this host for tests of what the operating system lets them read: created with
/// useradd under unique names (lkm + random), removed with userdel on dispose. Needs root.
/// </summary>
public sealed class LocalAccounts : IDisposable
{
    private readonly List<string> _names = [];
    private readonly List<string> _aclFolders = [];

    /// <summary>Null when the host can run these tests; otherwise why not.</summary>
    public static string? Unavailable()
    {
        if (Environment.UserName != "root")
            return "creating operating-system accounts needs root";
        var missing = new[] { "useradd", "userdel", "runuser", "setfacl" }.Where(c => Which(c) is null).ToList();
        return missing.Count == 0 ? null : $"missing command(s): {string.Join(", ", missing)} (Debian: passwd, util-linux, acl)";
    }

    /// <summary>A new account with no home folder, no login shell and no group of its own.</summary>
    public string Create()
    {
        var name = "lkm" + Guid.NewGuid().ToString("N")[..8];
        Run("useradd", "--no-create-home", "--no-user-group", "--shell", "/usr/sbin/nologin", name).ThrowIfFailed();
        _names.Add(name);
        return name;
    }

    /// <summary>Runs a command as the account: exit code and everything it printed.</summary>
    public static CommandResult RunAs(string account, params string[] command) => Run("runuser", ["-u", account, "--", .. command]);

    /// <summary>
    /// Lets the accounts pass through (--x) every folder above <paramref name="folder"/> that others
    /// cannot pass (a 0700 temp folder), up to the root, as an operator would for the folders above
    /// a data folder; the entries are removed again on dispose.
    /// </summary>
    public void GrantPassageAbove(string folder, IEnumerable<string> accounts)
    {
        if (OperatingSystem.IsWindows())
            return; // No such folders to open: the accounts are POSIX ones.
        var list = accounts.ToList();
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(folder)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.GetUnixFileMode(parent).HasFlag(UnixFileMode.OtherExecute))
                continue;
            foreach (var account in list)
                Run("setfacl", "-m", $"u:{account}:--x", parent).ThrowIfFailed();
            _aclFolders.Add(parent);
        }
    }

    public void Dispose()
    {
        foreach (var folder in _aclFolders.Where(Directory.Exists))
            foreach (var name in _names)
                Run("setfacl", "-x", $"u:{name}", folder);
        foreach (var name in _names)
            Run("userdel", name);
    }

    public static CommandResult Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LC_ALL"] = "C";
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{command} did not finish in 30 s");
        }

        return new CommandResult(process.ExitCode, output.Result + error.Result);
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin")
            .Select(folder => Path.Combine(folder, command)).FirstOrDefault(File.Exists);
}
