namespace Lake.Contracts.Files;

/// <summary>
/// A path Lake writes or deletes under one of its roots, checked before use: it stays under the
/// root, and no part of it below the root that exists is a symbolic link. A link planted in the
/// delivery area could otherwise lead a delivery's patient data to wherever it points.
/// </summary>
public static class ContainedPath
{
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
            if (FileTypes.Of(current) == FileType.SymbolicLink)
                throw new RefusedPathException($"{current} is a symbolic link, which Lake did not make; it is not followed. Remove it and check who could write there.");
        }

        return path;
    }
}
