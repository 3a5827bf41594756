namespace Lake.Synthetic.Tests;

public sealed class DefectScheduleTests
{
    private static readonly string[] Kinds = [DefectKinds.InvalidHetu, DefectKinds.ImpossibleDate, DefectKinds.TruncatedLine];

    [TestCase(10_000, 0.01, 100)]
    [TestCase(1_000, 0.0015, 3)] // 1.5 rounds to 2, raised to one of each of the three kinds
    [TestCase(499, 0.001, 0)] // small feeds are not promised every kind
    [TestCase(499, 0.01, 5)]
    [TestCase(10_000, 0, 0)]
    [TestCase(250, 0.01, 3)] // 2.5 rounds away from zero
    public void CountFor_RateAndRows_ReturnsRoundedShare(int goodRows, double rate, int expected)
    {
        Assert.That(DefectSchedule.CountFor(goodRows, rate, Kinds.Length), Is.EqualTo(expected));
    }

    [Test]
    public void Plan_SameRandom_PlacesDistinctDefectsOfEachKind()
    {
        var schedule = DefectSchedule.Plan(1_000, 0.02, Kinds, new Random(5));
        var kinds = new List<string>();
        var cursor = 0;

        for (var position = 0; position < schedule.TotalRows; position++)
        {
            if (schedule.KindAt(position, ref cursor) is { } kind)
                kinds.Add(kind);
        }

        Assert.That(schedule.TotalRows, Is.EqualTo(1_020));
        Assert.That(kinds, Has.Count.EqualTo(20));
        Assert.That(kinds.Distinct(), Is.EquivalentTo(Kinds));
    }
}
