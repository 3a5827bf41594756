using Lake.Contracts.Files;
using NUnit.Framework.Constraints;

namespace Lake.Testing;

/// <summary>
/// A symbolic link planted where Lake writes, as a determined insider would plant one to have Lake
/// write patient data, or delete, wherever it points: at a folder or a file outside Lake that holds
/// something of someone else's. <see cref="TargetUnchanged"/> tells whether anything was written,
/// renamed or deleted through it.
/// </summary>
public sealed class PlantedLink
{
    private const string Content = "not Lake's";

    private readonly string _before;

    private PlantedLink(string path, string target)
    {
        Path = path;
        Target = target;
        _before = Snapshot();
    }

    /// <summary>Where the link is.</summary>
    public string Path { get; }

    /// <summary>What it points at, in <c>elsewhere-*</c> under the test's folder.</summary>
    public string Target { get; }

    public bool TargetUnchanged => Snapshot() == _before;

    /// <summary>What Lake throws when it finds the link: a refusal that names it.</summary>
    public IResolveConstraint Refused =>
        Throws.TypeOf<RefusedPathException>().With.Message.Contains(Path + " is a symbolic link, which Lake did not make");

    /// <summary>A link at <paramref name="path"/> (its parent folders made) to a new folder holding one file.</summary>
    public static PlantedLink ToFolder(TempDirectory folder, string path)
    {
        var target = NewTarget(folder);
        Directory.CreateDirectory(target);
        File.WriteAllText(System.IO.Path.Combine(target, "notes.txt"), Content);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        Directory.CreateSymbolicLink(path, target);
        return new PlantedLink(path, target);
    }

    /// <summary>A link at <paramref name="path"/> (its parent folders made) to a new file.</summary>
    public static PlantedLink ToFile(TempDirectory folder, string path)
    {
        var target = NewTarget(folder);
        File.WriteAllText(target, Content);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return new PlantedLink(path, target);
    }

    /// <summary>Takes the link away, as the person told by Lake's refusal would.</summary>
    public void Remove() => File.Delete(Path);

    public override string ToString() => $"{Path} -> {Target}";

    private static string NewTarget(TempDirectory folder) => folder.File("elsewhere-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Every name under the target with its content, or the file's content; what a write, rename or delete through the link would change.</summary>
    private string Snapshot()
    {
        if (File.Exists(Target))
            return File.ReadAllText(Target);
        if (!Directory.Exists(Target))
            return "(gone)";
        return string.Join("\n", Directory.EnumerateFileSystemEntries(Target, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(entry => System.IO.Path.GetRelativePath(Target, entry) + ": " + (File.Exists(entry) ? File.ReadAllText(entry) : "folder")));
    }
}
