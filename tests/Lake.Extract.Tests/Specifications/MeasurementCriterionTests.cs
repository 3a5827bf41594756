using Lake.Contracts.Registers;
using Lake.Extract.Specifications;

namespace Lake.Extract.Tests.Specifications;

/// <summary>A measurement criterion names a register of measurements; its codes and bounds are checked like a laboratory criterion's.</summary>
public sealed class MeasurementCriterionTests
{
    [Test]
    public void Parse_MeasurementOfAMeasurementRegister_IsReadWithItsRegisterCodesAndBounds()
    {
        var specification = SpecificationReader.Parse(Specification("{ register: basic_measurement, codes: [weight], min: 150, index: true }"));

        var criterion = specification.Cohort.Include!.Measurement!;
        Assert.Multiple(() =>
        {
            Assert.That(criterion.Register, Is.EqualTo(RegisterNames.BasicMeasurement));
            Assert.That(criterion.Codes, Is.EqualTo(new[] { "weight" }));
            Assert.That(criterion.Min, Is.EqualTo(150));
            Assert.That(criterion.Index, Is.True);
        });
    }

    [TestCase("{ register: diagnosis, codes: [E11] }", "cohort.include.measurement.register: 'diagnosis' is not a register of measurements; those are laboratory, intensive_care, basic_measurement")]
    [TestCase("{ register: echocardiography, codes: [LVEF] }", "'echocardiography' is not a register of measurements")]
    [TestCase("{ register: laboratory, codes: [] }", "cohort.include.measurement.codes")]
    [TestCase("{ register: laboratory, codes: [\"2095; DROP TABLE x\"] }", "cohort.include.measurement.codes")]
    [TestCase("{ register: laboratory, codes: ['2095'], min: 60, max: 50 }", "cohort.include.measurement.min: 60 is above max 50")]
    public void Parse_BadMeasurement_NamesTheFieldAndTheFix(string measurement, string expected) =>
        Assert.That(() => SpecificationReader.Parse(Specification(measurement)), Throws.TypeOf<SpecificationException>().With.Message.Contains(expected));

    private static string Specification(string measurement) => $"""
        version: 1
        title: Measured
        cohort:
          include:
            measurement: {measurement}
          from: 2020-01-01
          to: 2024-12-31
        """;
}
