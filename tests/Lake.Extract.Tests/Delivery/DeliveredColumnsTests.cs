using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Delivery;

namespace Lake.Extract.Tests.Delivery;

public sealed class DeliveredColumnsTests
{
    private static readonly DatasetRequest AllOfPathology = new() { Register = RegisterNames.Pathology };

    [Test]
    public void Of_AllColumnsWithoutFreeText_LeavesTheStatementOut()
    {
        var columns = DeliveredColumns.Of(RegisterCatalog.Shipped.Get(RegisterNames.Pathology), AllOfPathology, new DeliveryOptions()).Select(c => c.Name);

        Assert.That(columns, Does.Not.Contain("statement").And.Contain("snomed_codes"));
    }

    [Test]
    public void Of_AllColumnsWithFreeText_DeliversEveryColumnInCatalogOrder()
    {
        var columns = DeliveredColumns.Of(RegisterCatalog.Shipped.Get(RegisterNames.Pathology), AllOfPathology, new DeliveryOptions { FreeText = true }).Select(c => c.Name);

        Assert.That(columns, Is.EqualTo(RegisterCatalog.Shipped.Get(RegisterNames.Pathology).Columns.Select(c => c.Name)));
    }

    [Test]
    public void Of_NamedColumns_AreDeliveredInTheOrderNamed()
    {
        var dataset = AllOfPathology with { Columns = ["snomed_codes", "sample_time"] };

        Assert.That(DeliveredColumns.Of(RegisterCatalog.Shipped.Get(RegisterNames.Pathology), dataset, new DeliveryOptions()).Select(c => c.Name), Is.EqualTo(new[] { "snomed_codes", "sample_time" }));
    }
}
