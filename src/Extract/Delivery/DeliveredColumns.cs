using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;

namespace Lake.Extract.Delivery;

/// <summary>
/// The register columns a dataset delivers: those it names, or all; free-text columns only when the
/// delivery includes free text (a dataset naming one without it is refused by the permit check).
/// </summary>
internal static class DeliveredColumns
{
    public static IReadOnlyList<RegisterColumn> Of(RegisterDefinition register, DatasetRequest dataset, DeliveryOptions delivery) =>
        (dataset.Columns.Count > 0 ? dataset.Columns : register.Columns.Select(c => c.Name))
            .Select(c => register.FindColumnOrAlias(c)!)
            .Where(c => delivery.FreeText || !c.FreeText)
            .Distinct()
            .ToList();
}
