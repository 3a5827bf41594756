using System.Text.Json;
using Lake.Contracts.Lake;

namespace Lake.Extract.Delivery;

/// <summary>Reads a delivery's manifest.json: one reader for the assembler, the removal, the command line and the portal.</summary>
public static class DeliveryManifestFile
{
    /// <summary>The manifest of the delivery in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">The file is empty.</exception>
    public static DeliveryManifest Read(string folder) =>
        JsonSerializer.Deserialize<DeliveryManifest>(File.ReadAllText(Path.Combine(folder, DeliveryAssembler.ManifestName)), LakeJson.Options)
        ?? throw new InvalidDataException($"{folder}/{DeliveryAssembler.ManifestName} is empty.");

    /// <summary>The manifest, or null when the delivery is gone (its permit expired or was revoked).</summary>
    public static DeliveryManifest? TryRead(string folder) =>
        File.Exists(Path.Combine(folder, DeliveryAssembler.ManifestName)) ? Read(folder) : null;
}
