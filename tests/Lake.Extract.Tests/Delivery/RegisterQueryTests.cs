using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Extract.Delivery;

namespace Lake.Extract.Tests.Delivery;

public sealed class RegisterQueryTests
{
    [Test]
    public void For_DatasetWithoutDates_BoundsTheEventTimeByTheWidestRange()
    {
        var query = RegisterQuery.For(RegisterCatalog.Shipped.Get(RegisterNames.Diagnosis), new DatasetRequest { Register = RegisterNames.Diagnosis }, new DeliveryOptions(), "map_diagnosis");

        Assert.Multiple(() =>
        {
            Assert.That(query.Table, Is.EqualTo("extract_diagnosis"));
            Assert.That(query.Parameters, Is.EqualTo(new object?[] { new DateTime(1900, 1, 1), new DateTime(2101, 1, 1) }));
            Assert.That(query.Sql, Does.Contain("r.\"recorded_at\" >= $1 AND r.\"recorded_at\" < $2").And.Contain("\"map_diagnosis\""));
        });
    }

    [Test]
    public void For_DatasetWithDates_IncludesTheWholeLastDay()
    {
        var dataset = new DatasetRequest { Register = RegisterNames.Diagnosis, From = new DateOnly(2019, 1, 1), To = new DateOnly(2019, 12, 31) };

        var query = RegisterQuery.For(RegisterCatalog.Shipped.Get(RegisterNames.Diagnosis), dataset, new DeliveryOptions(), "map_diagnosis");

        Assert.That(query.Parameters, Is.EqualTo(new object?[] { new DateTime(2019, 1, 1), new DateTime(2020, 1, 1) }));
    }

    [Test]
    public void For_RegisterWithoutEventColumn_HasNoTimeCondition()
    {
        var query = RegisterQuery.For(RegisterCatalog.Shipped.Get(RegisterNames.PatientBackground), new DatasetRequest { Register = RegisterNames.PatientBackground }, new DeliveryOptions(), "map_patient_background");

        Assert.Multiple(() =>
        {
            Assert.That(query.Parameters, Is.Empty);
            Assert.That(query.Sql, Does.Not.Contain("WHERE"));
        });
    }
}
