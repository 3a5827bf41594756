using System.Text;

namespace Lake.Contracts.Files;

/// <summary>
/// Files a person names (a specification, a descriptor, a register file, a price list, a feed):
/// regular files only, checked before they are opened, and read no further than their limit
/// whatever the file system says their size is.
/// </summary>
public static class RegularFile
{
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    /// <exception cref="RefusedPathException">A device, FIFO, socket or directory.</exception>
    public static void Require(string path, string what)
    {
        var type = FileTypes.Of(path);
        if (type == FileType.SymbolicLink)
            type = FileTypes.Of(Path.GetFullPath(File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path));
        switch (type)
        {
            case FileType.Missing:
                throw new FileNotFoundException($"{what} '{path}' does not exist.", path);
            case FileType.Directory:
                throw new RefusedPathException($"{what} '{path}' is a folder, not a file.");
            case FileType.Special:
                throw new RefusedPathException($"{what} '{path}' is a device, pipe or socket, not a file; Lake reads only regular files.");
        }
    }

    /// <summary>The file's text, refused unless it is a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    /// <exception cref="RefusedPathException">Not a regular file, or larger than the limit.</exception>
    public static string ReadText(string path, int maxBytes, string what)
    {
        Require(path, what);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[Math.Min(maxBytes + 1, 1 << 16)];
        using var read = new MemoryStream();
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            read.Write(buffer, 0, n);
            if (read.Length > maxBytes)
                throw new RefusedPathException($"{what} '{path}' is larger than {maxBytes / 1024} KiB.");
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(read.GetBuffer(), 0, (int)read.Length).TrimStart('\uFEFF');
    }
}
