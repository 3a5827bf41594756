using System.ComponentModel;
using System.Diagnostics;

namespace Lake.Extract.Access;

/// <summary>
/// POSIX access lists written with setfacl from Debian's acl package. The command gets an argument
/// list, never a shell line, and every account name in the entries has passed
/// <see cref="OperatingSystemAccounts"/>' pattern, so no text from a permit can become an option.
/// </summary>
internal sealed class FileAcl(string setfacl)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Replaces the whole access list of each path (<c>setfacl --set</c>), so entries not named are removed.</summary>
    public void Set(string entries, IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0)
            return;
        var start = new ProcessStartInfo(setfacl)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // Error texts in English whatever the host's locale, so "Operation not supported" is recognised.
        start.Environment["LC_ALL"] = "C";
        start.ArgumentList.Add("--set");
        start.ArgumentList.Add(entries);
        start.ArgumentList.Add("--");
        foreach (var path in paths)
            start.ArgumentList.Add(path);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new DeliveryAccessException(
                $"Delivery access lists cannot be written: the command '{setfacl}' could not be run ({e.Message}). " +
                "Install Debian's acl package (apt-get install acl), or point Accounts:Setfacl at setfacl. " +
                "Lake never publishes a delivery without its access list.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                throw new DeliveryAccessException($"setfacl did not finish in {Timeout.TotalSeconds:0} s on {paths.First()}; the delivery's access list is not written.");
            }

            var message = (error.GetAwaiter().GetResult() + output.GetAwaiter().GetResult()).Trim();
            if (process.ExitCode == 0)
                return;
            if (message.Contains("Operation not supported", StringComparison.Ordinal))
                throw new DeliveryAccessException(
                    $"The file system of {paths.First()} does not support POSIX access lists ({message}). " +
                    "Mount it with ACL support (the acl mount option; ext4 and xfs have it by default) or put the data folder on one that has it. " +
                    "Lake never falls back to making a delivery readable by everyone.");
            throw new DeliveryAccessException(
                $"setfacl could not write the access list of {paths.First()} ({message}). " +
                $"Check that every account in {OperatingSystemAccounts.Setting} exists on this host.");
        }
    }
}
