namespace Lake.Cli.Commands;

/// <summary>
/// The descriptor files of a sources folder, subfolders included (a system with several feeds keeps
/// them together, like <c>mimic-iv-demo/</c>), named by their path without extension.
/// </summary>
internal static class DescriptorFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Name (relative path without extension, with '/') and full path, in name order.</summary>
    public static IReadOnlyList<(string Name, string Path)> List(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Select(f => (NameOf(folder, f), f))
            .OrderBy(d => d.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>A descriptor by file path, or by name in the sources folder: its relative name, or its file name when that is unique.</summary>
    public static string Resolve(string nameOrPath, string? explicitFolder)
    {
        if (File.Exists(nameOrPath))
            return nameOrPath;

        var all = List(SourceFolder.Resolve(explicitFolder));
        var name = nameOrPath.Replace('\\', '/');
        var matches = all.Where(d => d.Name == name).ToList();
        if (matches.Count == 0)
            matches = all.Where(d => d.Name.Split('/')[^1] == name).ToList();
        return matches.Count switch
        {
            1 => matches[0].Path,
            0 => throw new FileNotFoundException($"No source descriptor '{nameOrPath}'. Known: {string.Join(", ", all.Select(d => d.Name))}."),
            _ => throw new FileNotFoundException($"'{nameOrPath}' names several descriptors: {string.Join(", ", matches.Select(d => d.Name))}; give the folder too."),
        };
    }

    private static string NameOf(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return Path.ChangeExtension(relative, null).Replace(Path.DirectorySeparatorChar, '/');
    }
}
