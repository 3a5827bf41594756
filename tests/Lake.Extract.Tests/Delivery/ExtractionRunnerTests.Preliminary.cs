using Lake.Contracts.Extraction;
using Lake.Contracts.Permits;
using Lake.Contracts.Registers;
using Lake.Extract.Access;
using Lake.Extract.Costs;
using Lake.Extract.Delivery;
using Lake.Extract.Disclosure;
using Lake.Extract.Preliminary;
using Lake.Extract.Querying;

namespace Lake.Extract.Tests.Delivery;

/// <summary>
/// A preliminary study and a delivery of the same specification, over the lake where Uranus and
/// Apotti sent the same two events: the preliminary study counts the rows the delivery holds, not
/// both systems' copies, and the cost estimate is priced on those rows.
/// </summary>
public sealed partial class ExtractionRunnerTests
{
    private static readonly object[] SameSpecificationDatasets =
    [
        new object[] { new DatasetRequest { Register = "diagnosis" } },
        new object[] { new DatasetRequest { Register = "diagnosis", From = new DateOnly(2019, 1, 1) } },
        new object[] { new DatasetRequest { Register = "diagnosis", Filters = [new DatasetFilter { Column = "code", In = ["E11.9", "E78.0"] }] } },
        new object[] { new DatasetRequest { Register = "laboratory" } },
    ];

    [TestCaseSource(nameof(SameSpecificationDatasets))]
    public void Preliminary_OfTheSameSpecification_CountsTheRowsTheDeliveryHolds(DatasetRequest dataset)
    {
        var delivered = Extract(dataset: dataset).Files.Where(f => f.Register == dataset.Register && f.Name.EndsWith(".parquet", StringComparison.Ordinal)).Sum(f => f.Rows);

        // A threshold of one shows every count, so the shown volume can be compared with the delivery's.
        var counted = CountPreliminary(dataset, new DisclosureControl(1));

        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.GreaterThan(0), "the delivery holds rows to compare with");
            Assert.That(counted.TrueCounts["rows." + dataset.Register], Is.EqualTo(delivered));
            Assert.That(counted.Report.Availability.Single().Total.Value, Is.EqualTo(delivered));
        });
    }

    [Test]
    public void Preliminary_SameEventFromTwoSystems_IsCountedAndPricedOnce()
    {
        var dataset = new DatasetRequest { Register = "diagnosis" };
        var counted = CountPreliminary(dataset, new DisclosureControl(1));
        var prices = new PriceList { PerMillionRows = 1_000_000m };

        var estimate = CostEstimator.Estimate(counted.Report, prices, internalProject: false);

        // Anna's and Ville's 2019 events came from both systems: six copies, four events.
        Assert.Multiple(() =>
        {
            Assert.That(counted.TrueCounts["rows.diagnosis"], Is.EqualTo(4));
            Assert.That(counted.TrueCounts["rows.diagnosis.2019"], Is.EqualTo(2));
            Assert.That(estimate.Items.Select(i => i.Description), Has.One.EqualTo("Rows, millions (4 rows)"));
        });
    }

    private PreliminaryCount CountPreliminary(DatasetRequest dataset, DisclosureControl disclosure)
    {
        using var session = LakeQuerySession.Open(LakeSnapshot.Take(_layout, RegisterCatalog.Shipped));
        var counting = new PreliminaryCounting(session, _pseudonymizer, disclosure);
        var specification = new StudySpecification { Cohort = new CohortCriteria { Icd10 = ["E11"] }, Datasets = [dataset] };
        return counting.Count(specification, counting.SelectCohort(specification));
    }
}
