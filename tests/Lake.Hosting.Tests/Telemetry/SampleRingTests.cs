using Lake.Telemetry.History;

namespace Lake.Hosting.Tests.Telemetry;

public sealed class SampleRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void Add_BeyondCapacity_KeepsTheNewestOldestFirst()
    {
        var ring = new SampleRing(3);
        for (var i = 1; i <= 5; i++)
            ring.Add(Point(i));

        Assert.Multiple(() =>
        {
            Assert.That(ring.Count, Is.EqualTo(3));
            Assert.That(ring.ToList().Select(p => p.Total), Is.EqualTo(new double[] { 3, 4, 5 }));
        });
    }

    [Test]
    public void Add_BelowCapacity_KeepsEveryPointInOrder()
    {
        var ring = new SampleRing(4);
        ring.Add(Point(1));
        ring.Add(Point(2));

        Assert.That(ring.ToList().Select(p => p.At), Is.EqualTo(new[] { Start.AddSeconds(10), Start.AddSeconds(20) }));
    }

    [Test]
    public void Constructor_NoCapacity_Throws() =>
        Assert.That(() => new SampleRing(0), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private static HistoryPoint Point(int i) => new(Start.AddSeconds(10 * i), i, i);
}
