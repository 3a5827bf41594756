using Lake.Portal.Operations;

namespace Lake.Portal.Tests.Operations;

public sealed class ChartScaleTests
{
    [TestCase(0, 1)]
    [TestCase(0.16, 0.2)]
    [TestCase(3, 5)]
    [TestCase(43, 50)]
    [TestCase(200, 200)]
    [TestCase(201, 250)]
    public void NiceMax_HighestValue_IsTheNextRoundCeiling(double max, double expected) =>
        Assert.That(ChartScale.NiceMax(max), Is.EqualTo(expected).Within(1e-9));

    [TestCase(0.12, 0.04, "0.12")]
    [TestCase(0.5, 0.1, "0.5")]
    [TestCase(1.5, 0.5, "1.5")]
    [TestCase(40, 10, "40")]
    [TestCase(12000, 2000, "12,000")]
    [SetCulture("en")]
    public void Tick_StepOfTheAxis_GivesTheDecimalsItNeeds(double value, double step, string expected) =>
        Assert.That(ChartScale.Tick(value, step), Is.EqualTo(expected));

    [Test]
    [SetCulture("fi")]
    public void Svg_FinnishPage_WritesADecimalPointAndNoGrouping() =>
        Assert.That(ChartScale.Svg(12345.75), Is.EqualTo("12345.8"));
}
