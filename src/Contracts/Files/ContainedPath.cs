namespace Lake.Contracts.Files;

/// <summary>
/// A path Lake writes or deletes under one of its roots, checked before use: it stays under the
/// root, and no part of it below the root that exists is a symbolic link. A link planted in the
/// lake, the control folder or the delivery area could otherwise lead patient data, or a deletion,
/// to wherever it points. Lake makes no links, so every link found is refused, never followed.
/// </summary>
public static class ContainedPath
{
    /// <summary>The checked full path; a part may be a full path already under the root.</summary>
    /// <exception cref="RefusedPathException">The path leaves the root, or a part of it is a symbolic link.</exception>
    public static string Under(string root, params string[] parts)
    {
        var fullRoot = Path.GetFullPath(root);
        var path = Path.GetFullPath(Path.Combine([fullRoot, .. parts]));
        if (!path.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal) && path != fullRoot)
            throw new RefusedPathException($"'{Path.Combine(parts)}' leads out of {fullRoot}; Lake writes only under it.");

        var current = fullRoot;
        foreach (var part in Path.GetRelativePath(fullRoot, path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            ThrowIfLink(current);
        }

        return path;
    }

    /// <summary>
    /// A file at a path Lake was given rather than one under a root it knows (the control-plane
    /// database, the audit checkpoint file): the file and the folder holding it are checked, the
    /// folder from the one above it. Folders higher up are the operator's choice, and may be links.
    /// </summary>
    /// <exception cref="RefusedPathException">The file or its folder is a symbolic link.</exception>
    public static string FileAndFolder(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? full;
        return Under(Path.GetDirectoryName(folder) ?? folder, full);
    }

    /// <exception cref="RefusedPathException">The path itself (not a folder above it) is a symbolic link.</exception>
    public static void ThrowIfLink(string path)
    {
        if (FileTypes.Of(path) == FileType.SymbolicLink)
            throw new RefusedPathException($"{path} is a symbolic link, which Lake did not make; it is not followed. Remove it and check who could write there.");
    }
}
