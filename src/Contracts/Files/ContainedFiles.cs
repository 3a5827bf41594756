using Lake.Contracts.Lake;

namespace Lake.Contracts.Files;

/// <summary>
/// Creating, renaming and deleting files under one of Lake's roots (the lake, the control folder)
/// so that a symbolic link planted there is refused and reported, never followed: every path is
/// checked with <see cref="ContainedPath.Under"/> right before it is used, and a new file is opened
/// with O_EXCL (<see cref="FileMode.CreateNew"/>), which refuses a link put at its name even after
/// the check. What is made is owner-only (<see cref="OwnerOnly"/>).
/// </summary>
public static class ContainedFiles
{
    /// <summary>Creates the folder and any missing parents 0700; returns its full path.</summary>
    /// <exception cref="RefusedPathException">A part of the path below the root is a symbolic link, or the path leaves the root.</exception>
    public static string CreateFolder(string root, string folder)
    {
        var path = ContainedPath.Under(root, folder);
        OwnerOnly.CreateFolder(path);
        return path;
    }

    /// <summary>Creates a file that must not exist yet, 0600, and the folders it needs.</summary>
    /// <exception cref="RefusedPathException">As for <see cref="CreateFolder"/>, the file's name included.</exception>
    /// <exception cref="IOException">The file exists.</exception>
    public static FileStream CreateNew(string root, string path, FileAccess access = FileAccess.Write, FileShare share = FileShare.None, int bufferSize = 4096)
    {
        path = ContainedPath.Under(root, path);
        OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
        try
        {
            return OwnerOnly.Open(path, FileMode.CreateNew, access, share, bufferSize);
        }
        catch (IOException e) when (e is not RefusedPathException)
        {
            // A link planted between the check and the open: O_EXCL refused it; say so rather than "exists".
            ContainedPath.ThrowIfLink(path);
            throw;
        }
    }

    /// <summary>
    /// Opens a file that may exist already, such as a lock, creating it 0600 if not. Unlike
    /// <see cref="CreateNew"/>, a link planted at its name in the instant between check and open is not caught.
    /// </summary>
    /// <exception cref="RefusedPathException">As for <see cref="CreateNew"/>.</exception>
    public static FileStream OpenOrCreate(string root, string path, FileShare share, FileOptions options = FileOptions.None)
    {
        path = ContainedPath.Under(root, path);
        OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
        return OwnerOnly.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share, 1, options);
    }

    /// <summary>
    /// Writes a whole file through a temporary one beside it (created new, flushed to disk, then
    /// renamed), so a crash leaves no file or the old one, never half of one.
    /// </summary>
    /// <param name="root">The root the file and its temporary stay under.</param>
    /// <param name="path">The file, full or relative to the root.</param>
    /// <param name="write">Writes the content; the stream is flushed to disk after it.</param>
    /// <param name="overwrite">Whether the file may replace one already there; without it an existing file fails the rename with an <see cref="IOException"/>.</param>
    /// <exception cref="RefusedPathException">As for <see cref="CreateNew"/>, for the file and its temporary.</exception>
    public static void WriteDurably(string root, string path, Action<Stream> write, bool overwrite)
    {
        path = ContainedPath.Under(root, path);
        // A name of its own per writer: two processes may write the same file (RegisterVersions),
        // and a crashed writer's temporary never blocks the next.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = CreateNew(root, temporary))
        {
            try
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            catch
            {
                stream.Dispose();
                File.Delete(temporary);
                throw;
            }
        }

        try
        {
            Move(root, temporary, path, overwrite);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Renames a file; rename(2) never follows a link at either name, and both are checked first so one is reported.</summary>
    /// <exception cref="RefusedPathException">A part of either path below the root is a symbolic link.</exception>
    public static void Move(string root, string from, string to, bool overwrite) =>
        File.Move(ContainedPath.Under(root, from), ContainedPath.Under(root, to), overwrite);

    /// <summary>Deletes a file if it is there.</summary>
    /// <exception cref="RefusedPathException">A part of the path below the root, the file's name included, is a symbolic link.</exception>
    public static void Delete(string root, string path)
    {
        path = ContainedPath.Under(root, path);
        if (FileTypes.Of(path) != FileType.Missing)
            File.Delete(path);
    }
}
