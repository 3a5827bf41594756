using System.Text.Json;
using Lake.Contracts.Files;
using Lake.Contracts.Lake;

namespace Lake.Extract.Delivery;

/// <summary>
/// Deletes a delivery when its permit closes: exactly the files its manifest lists, and the
/// manifest, README, data package and access list beside them. A symbolic link found there is removed itself,
/// never followed; any other file Lake did not write is left for the data service and reported.
/// </summary>
public static class DeliveryRemoval
{
    /// <summary>Deletes the delivery in <paramref name="folder"/>; what it left behind, by name (empty when the folder is gone).</summary>
    public static IReadOnlyList<string> Remove(string folder)
    {
        if (FileTypes.Of(folder) != FileType.Directory)
            throw new RefusedPathException($"{folder} is not a delivery folder Lake made (it is not a plain folder); it is not followed.");
        var manifest = DeliveryManifestFile.Read(folder);
        var ours = manifest.Files.Select(f => f.Name).Concat([DeliveryAssembler.ManifestName, DeliveryReadme.FileName, DeliveryDataPackage.FileName, DeliveryAccess.FileName]).ToHashSet(StringComparer.Ordinal);
        var left = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            var name = Path.GetFileName(entry);
            var type = FileTypes.Of(entry);
            if (type == FileType.SymbolicLink || (type == FileType.Regular && ours.Contains(name)))
                File.Delete(entry);
            else
                left.Add(name);
        }

        if (left.Count == 0)
            Directory.Delete(folder);
        return left;
    }
}
