using Lake.Contracts.Text;

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
            0 => throw new FileNotFoundException(Unknown(nameOrPath, all)),
            _ => throw new FileNotFoundException($"'{nameOrPath}' names several descriptors: {string.Join(", ", matches.Select(d => d.Name))}; give the folder too."),
        };
    }

    /// <summary>The closest descriptors by their name or their file name, instead of every name in the folder.</summary>
    private static string Unknown(string nameOrPath, IReadOnlyList<(string Name, string Path)> all)
    {
        var byFileName = all.ToLookup(d => d.Name.Split('/')[^1], d => d.Name, StringComparer.Ordinal);
        var suggested = NameSuggestions.For(nameOrPath, all.Select(d => d.Name).Concat(byFileName.Select(g => g.Key)))
            .SelectMany(name => byFileName.Contains(name) ? byFileName[name] : [name])
            .Distinct(StringComparer.Ordinal)
            .Take(NameSuggestions.MaxSuggestions)
            .ToList();
        return $"unknown source '{nameOrPath}'; " + (NameSuggestions.DidYouMean(suggested) ?? $"'lake sources list' lists the {all.Count} descriptors there are.");
    }

    private static string NameOf(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return Path.ChangeExtension(relative, null).Replace(Path.DirectorySeparatorChar, '/');
    }
}
