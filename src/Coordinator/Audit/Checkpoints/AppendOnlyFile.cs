using System.Runtime.InteropServices;
using Lake.Contracts.Files;
using Lake.Contracts.Lake;
using Microsoft.Win32.SafeHandles;

namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>
/// Appends to a file opened with open(2)'s O_APPEND, created 0600. With O_APPEND every write lands
/// at the end whoever else writes, and a file the operator made append-only (<c>chattr +a</c>,
/// which refuses any other open for writing) can still be written. .NET's FileMode.Append is
/// neither: it opens without O_APPEND and seeks to the end once. The file's folder is checked and
/// the file opened with O_NOFOLLOW, so a link planted as either is refused, never appended through.
/// </summary>
internal static class AppendOnlyFile
{
    // The same on x86-64 and arm64 Linux (asm-generic/fcntl.h).
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Append = 0x400;
    private const int CloseOnExec = 0x80000;
    private const uint OwnerReadWrite = 0x180; // 0600
    private const int TooManyLinks = 40; // ELOOP: what O_NOFOLLOW answers for a link

    // The one flag used here whose value differs: arm64 keeps arm's (arch/arm64/include/uapi/asm/fcntl.h).
    private static readonly int NoFollow = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    /// <summary>Appends <paramref name="bytes"/> with one write(2) and flushes them to disk before returning.</summary>
    /// <exception cref="RefusedPathException">The file or its folder is a symbolic link.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        path = ContainedPath.FileAndFolder(path);
        OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere the flag values differ; the runtime's append is the fallback.
            using var stream = OwnerOnly.Open(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
            return;
        }

        var descriptor = Open(path, WriteOnly | Create | Append | CloseOnExec | NoFollow, OwnerReadWrite);
        if (descriptor < 0 && Marshal.GetLastPInvokeError() == TooManyLinks)
            ContainedPath.ThrowIfLink(path);
        if (descriptor < 0)
            throw new IOException($"The audit checkpoint file {path} cannot be opened for appending: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        while (!bytes.IsEmpty)
        {
            var written = Write(handle, ref MemoryMarshal.GetReference(bytes), bytes.Length);
            if (written < 0)
                throw new IOException($"The audit checkpoint file {path} cannot be written: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            bytes = bytes[(int)written..];
        }

        // The checkpoint must be on disk before the entries it signs are committed.
        if (Fsync(handle) != 0)
            throw new IOException($"The audit checkpoint file {path} cannot be flushed to disk: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    // DllImport rather than LibraryImport, whose generated code needs the project to allow unsafe
    // code. open(2) is variadic; on Linux's x86-64 and arm64 calling conventions the mode passes
    // in a register exactly as a fixed argument would.
#pragma warning disable SYSLIB1054 // see above
#pragma warning disable CA2101 // The path is marshalled as UTF-8, which is what Linux file names are.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);
#pragma warning restore CA2101

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(SafeFileHandle descriptor, ref byte buffer, nint count);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(SafeFileHandle descriptor);
#pragma warning restore SYSLIB1054
}
