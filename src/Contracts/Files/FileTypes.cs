using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lake.Contracts.Files;

/// <summary>
/// The type of a path from Linux's <c>statx</c> without following a final symbolic link: .NET's
/// file attributes call a FIFO or /dev/zero "Normal", and opening a FIFO to look blocks until a
/// writer comes. <c>statx</c>'s buffer has one layout on every architecture, which is why it is
/// used rather than <c>stat</c>.
/// </summary>
public static partial class FileTypes
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int NoSuchFile = 2;

    public static FileType Of(string path)
    {
        if (!OperatingSystem.IsLinux())
            return File.Exists(path) ? FileType.Unknown : Directory.Exists(path) ? FileType.Directory : FileType.Missing;

        var buffer = new byte[256];
        if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            return Marshal.GetLastPInvokeError() == NoSuchFile ? FileType.Missing : FileType.Unknown;

        return (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & 0xF000) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            _ => FileType.Special,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
