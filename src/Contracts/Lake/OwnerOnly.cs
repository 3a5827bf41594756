using Lake.Contracts.Files;

namespace Lake.Contracts.Lake;

/// <summary>
/// Folders and files only the account running Lake can open: folders 0700, files 0600. The lake,
/// the control plane and the deliveries hold data of patients; another account on the host sees
/// them only through the access lists a delivery grants (see docs/delivery-access.md). The `lake`
/// command also sets its umask to 077, but library code creates with explicit modes so a worker
/// or test hosting Lake gets the same without relying on the umask of whoever started it.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder and any missing parents 0700; folders that exist keep their mode.</summary>
    public static DirectoryInfo CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
            return Directory.CreateDirectory(path);
        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; its missing
        // parents get 0777 less the umask. Each is created with the mode, from the top down.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
            missing.Push(folder);
        while (missing.Count > 0)
            Directory.CreateDirectory(missing.Pop(), FolderMode);
        return new DirectoryInfo(path);
    }

    /// <summary>
    /// Opens a file that, when this creates it, is created 0600 (the mode is given to open(2), so
    /// there is no moment it is readable by others). A symbolic link at its name is refused: .NET's
    /// open follows it, and Lake writes no file through one (folders above are the caller's to
    /// check, see <see cref="ContainedFiles"/>).
    /// </summary>
    /// <exception cref="RefusedPathException">The path names a symbolic link.</exception>
    public static FileStream Open(string path, System.IO.FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        ContainedPath.ThrowIfLink(path);
        var streamOptions = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize, Options = options };
        if (!OperatingSystem.IsWindows() && mode is System.IO.FileMode.CreateNew or System.IO.FileMode.Create or System.IO.FileMode.OpenOrCreate)
            streamOptions.UnixCreateMode = FileMode;
        return new FileStream(path, streamOptions);
    }

    /// <summary>Writes a whole text file (UTF-8, no byte order mark), created 0600.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = Open(path, System.IO.FileMode.Create, FileAccess.Write, FileShare.None);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(text);
    }

    /// <summary>
    /// Makes a file another library created (DuckDB's COPY, SQLite's database) 0600: those create
    /// with 0666 less the umask, which a library user's umask may leave readable by everyone.
    /// </summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>
    /// Creates an empty file 0600 if it does not exist yet, so a library that opens it afterwards
    /// (SQLite) keeps that mode and gives it to the files it creates beside it (-wal, -shm, -journal).
    /// </summary>
    public static void CreateEmptyFile(string path)
    {
        try
        {
            using var _ = Open(path, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        }
        catch (IOException e) when (e is not RefusedPathException && File.Exists(path))
        {
            // There already, perhaps created by another process a moment ago; its mode is kept as it is.
        }
    }
}
