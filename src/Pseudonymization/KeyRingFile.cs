using System.Diagnostics;
using System.Security.Cryptography;
using Lake.Contracts.Files;

namespace Lake.Pseudonymization;

/// <summary>
/// File handling for the key ring: its two forms (in clear, or encrypted under a passphrase),
/// owner-only permissions, atomic replacement and a lock file that serializes changes between processes.
/// </summary>
internal static class KeyRingFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>The ring in the file, and the encryption it is kept under: null for a ring in clear.</summary>
    /// <param name="passphrase">The configured passphrase, needed only when the file is encrypted.</param>
    /// <param name="known">The encryption of an earlier load, reused while the file keeps its salt, so that no key is derived again.</param>
    /// <exception cref="KeyStoreException">The file is encrypted, and no passphrase is configured or it is not the file's.</exception>
    public static (KeyRingState State, KeyRingEncryption? Encryption) Load(string path, KeyRingPassphrase? passphrase, KeyRingEncryption? known = null)
    {
        var content = ReadOwnerOnly(path, "Key ring file");
        if (!KeyRingEnvelope.IsEnvelope(content))
            return (KeyRingState.FromJson(content, path), null);

        var envelope = KeyRingEnvelope.Parse(content, path);
        var encryption = known is not null && known.Fits(envelope) ? known : KeyRingEncryption.For(envelope, passphrase, path);
        var json = encryption.Open(envelope, path);
        try
        {
            return (KeyRingState.FromJson(json, path), encryption);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }

    /// <summary>What the file holds for <paramref name="state"/>: its JSON, sealed in an envelope when <paramref name="encryption"/> is given.</summary>
    public static byte[] Serialize(KeyRingState state, KeyRingEncryption? encryption)
    {
        var json = state.ToJson();
        if (encryption is null)
            return json;

        try
        {
            return encryption.Seal(json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }

    /// <summary>Reads a file of key material, refusing it when its group or others have any access.</summary>
    /// <param name="what">What the file is, as an error message's first words ("Key ring file").</param>
    /// <exception cref="RefusedPathException">A folder, device, FIFO or socket: opening a FIFO to read it would wait for a writer forever.</exception>
    public static byte[] ReadOwnerOnly(string path, string what)
    {
        RegularFile.Require(path, what);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        // Checked on the open handle, so the file read is the file checked.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(stream.SafeFileHandle);
            if ((mode & GroupOrOther) != 0)
            {
                throw new UnauthorizedAccessException(
                    $"{what} {path} has mode {Octal(mode)}; it must be readable only by its owner (chmod 600 {path}). " +
                    "If others could read it, treat the keys as disclosed.");
            }
        }

        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        return content;
    }

    /// <summary>Creates the folder owner-only (0700) when it is missing; an existing folder is left as it is.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
            return;

        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, OwnerAll);
    }

    /// <summary>
    /// Writes a temporary file that is owner-only from its creation, flushes it to disk and renames
    /// it over <paramref name="path"/>, so a reader sees the old ring or the new one, never a mix.
    /// </summary>
    /// <returns>False when <paramref name="overwrite"/> is false and the file already exists.</returns>
    public static bool WriteAtomically(string path, byte[] content, bool overwrite)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, CreateOptions(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                // Without overwrite the runtime links rather than renames, so a file another
                // process created a moment ago is never replaced.
                File.Move(temporary, path, overwrite);
                return true;
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Holds an exclusive lock on <c>path.lock</c> until disposed. The runtime takes an advisory
    /// <c>flock</c> for <see cref="FileShare.None"/>, which the kernel drops when the process dies,
    /// so a crashed process never leaves the ring locked. The lock file itself stays.
    /// </summary>
    public static IDisposable AcquireLock(string path)
    {
        var lockPath = path + ".lock";
        var options = CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (Stopwatch.GetElapsedTime(started) > LockTimeout)
                {
                    throw new IOException(
                        $"Another process has held the key ring lock {lockPath} for over {LockTimeout.TotalSeconds:0} s. " +
                        "Wait for other lake commands to finish, then retry.",
                        e);
                }

                Thread.Sleep(LockRetryDelay);
            }
        }
    }

    private static FileStreamOptions CreateOptions(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerReadWrite;
        return options;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0b111_111_111, 8).PadLeft(4, '0');
}
