using System.Runtime.InteropServices;

namespace Lake.Cli;

/// <summary>
/// The umask of the `lake` process. Lake's library code already creates what it writes owner-only,
/// but the libraries it drives (DuckDB, SQLite, Parquet, the runtime's own temporary files) create
/// with 0666 or 0777 less the umask; 077 closes that for everything the command writes, whatever
/// umask the shell or service manager that started it had.
/// </summary>
internal static class ProcessUmask
{
    private const uint OwnerOnly = 0b000_111_111; // 077

    /// <summary>Sets the umask to 077 on Linux; elsewhere there is no umask to set.</summary>
    public static void RestrictToOwner()
    {
        if (OperatingSystem.IsLinux())
            _ = Umask(OwnerOnly);
    }

    // umask(2) cannot fail; it returns the previous mask. DllImport rather than LibraryImport, whose
    // generated code needs the project to allow unsafe code for this one call.
#pragma warning disable SYSLIB1054 // see above
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
