using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Contracts.Permits;

namespace Lake.Extract.Delivery;

/// <summary>
/// access.json in a delivery folder: who may open it now. The manifest records who could at
/// delivery time; this file follows the permit's amendments, and the folder's POSIX access list
/// (<see cref="DeliveryArea"/>) is written from the same members.
/// </summary>
public static class DeliveryAccess
{
    public const string FileName = "access.json";

    /// <param name="updated">When the access changed: the delivery's or the amendment's time.</param>
    /// <param name="withoutAccount">Members the operating system cannot let in, because no account is configured for them.</param>
    public static void Write(string deliveryFolder, Permit permit, DateTimeOffset updated, IReadOnlyList<string>? withoutAccount = null)
    {
        var access = new { permitId = permit.Id, permitVersion = permit.Version, members = permit.Members, withoutAccount, updated };
        var path = Path.Combine(deliveryFolder, FileName);
        OwnerOnly.WriteAllText(path + ".tmp", JsonSerializer.Serialize(access, LakeJson.Options));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static IReadOnlyList<string> Read(string deliveryFolder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(deliveryFolder, FileName)));
        return document.RootElement.GetProperty("members").EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
