using Lake.Extract.Delivery;

namespace Lake.Coordinator.Requests;

/// <summary>
/// Section "Delivery" of configuration: the secure environments a delivery may be transferred to.
/// None by default, and then every transfer request is refused. Lake records the target in the
/// request, the manifest, the README and the audit log; moving the folder there is the data
/// service's own audited procedure (docs/portal.md).
/// </summary>
/// <example>
/// <code>
/// "Delivery": { "TransferTargets": [ { "Name": "findata-kapseli", "Description": "Findata's remote access environment" } ] }
/// </code>
/// </example>
public sealed class TransferOptions
{
    public const string SectionName = "Delivery";

    public List<TransferTarget> TransferTargets { get; set; } = [];

    public TransferTarget? Find(string name) => TransferTargets.FirstOrDefault(t => t.Name == name);

    /// <summary>What is wrong with the settings, in words an operator can act on; nothing when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var target in TransferTargets)
        {
            if (!TransferTargetName.IsValid(target.Name))
                yield return $"Delivery:TransferTargets: '{target.Name}' is not a usable name ({TransferTargetName.Rule}).";
            if (string.IsNullOrWhiteSpace(target.Description))
                yield return $"Delivery:TransferTargets: '{target.Name}' has no Description; say whose environment it is.";
        }

        foreach (var twice in TransferTargets.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return $"Delivery:TransferTargets: '{twice.Key}' is listed {twice.Count()} times; list each environment once.";
    }
}
