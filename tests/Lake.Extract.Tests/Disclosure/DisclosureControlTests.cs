using Lake.Extract.Disclosure;

namespace Lake.Extract.Tests.Disclosure;

public sealed class DisclosureControlTests
{
    [TestCase(0)] // Zero reveals nobody.
    [TestCase(6)]
    [TestCase(1_000_000)]
    public void Show_ZeroOrAboveThreshold_ShowsCount(long count)
    {
        var shown = new DisclosureControl().Show(count);

        Assert.Multiple(() =>
        {
            Assert.That(shown.IsSuppressed, Is.False);
            Assert.That(shown.Value, Is.EqualTo(count));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void Show_OneToFive_Suppressed(long count)
    {
        var shown = new DisclosureControl().Show(count);

        Assert.Multiple(() =>
        {
            Assert.That(shown.IsSuppressed, Is.True);
            Assert.That(shown.Value, Is.Null);
            Assert.That(shown.ToString(), Is.EqualTo("1-5"));
        });
    }

    [TestCase(10, 10, true)]
    [TestCase(10, 11, false)]
    [TestCase(1, 1, true)]
    [TestCase(1, 2, false)]
    public void Show_ConfiguredThreshold_SuppressesUpToIt(int threshold, long count, bool suppressed)
    {
        Assert.That(new DisclosureControl(threshold).Show(count).IsSuppressed, Is.EqualTo(suppressed));
    }

    [Test]
    public void Constructor_ThresholdBelowOne_Throws()
    {
        Assert.That(() => new DisclosureControl(0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ShowBreakdown_OneSmallCell_AlsoSuppressesNextSmallestNonZeroCell()
    {
        // Without the second suppression, 3 = total - 40 - 100.
        var shown = new DisclosureControl().ShowBreakdown([100, 3, 0, 40, 70]);

        Assert.That(shown.Select(s => s.Value), Is.EqualTo(new long?[] { 100, null, 0, null, 70 }));
    }

    [Test]
    public void ShowBreakdown_OnlyOneCellNonZero_HidesTheWholeBreakdownSoTheZerosSayNothing()
    {
        // Shown, [0, 12, 0] by sex would say that every member of the group is of one sex.
        var shown = new DisclosureControl().ShowBreakdown([0, 12, 0]);

        Assert.Multiple(() =>
        {
            Assert.That(shown.Select(s => s.Value), Is.EqualTo(new long?[] { null, null, null }));
            Assert.That(shown.Select(s => s.ToString()), Has.All.EqualTo("suppressed"));
        });
    }

    [Test]
    public void ShowBreakdown_ZerosShownByPolicy_OneSmallCellAndOnlyZeros_SuppressesNothingElse()
    {
        var shown = new DisclosureControl(new DisclosurePolicy { ZeroCells = ZeroCells.Shown }).ShowBreakdown([0, 4, 0]);

        Assert.That(shown.Select(s => s.Value), Is.EqualTo(new long?[] { 0, null, 0 }));
    }

    [Test]
    public void ShowBreakdown_ComplementaryCell_IsLabelledSuppressedNotAsASmallRange()
    {
        var shown = new DisclosureControl().ShowBreakdown([3, 14, 40]);

        Assert.That(shown.Select(s => s.ToString()), Is.EqualTo(new[] { "1-5", "suppressed", "40" }), "14 is hidden beside 3, and not called 1-5");
    }

    [Test]
    public void ShowBreakdown_TwoSmallCells_SuppressesOnlyThem()
    {
        var shown = new DisclosureControl().ShowBreakdown([100, 3, 40, 5]);

        Assert.That(shown.Select(s => s.Value), Is.EqualTo(new long?[] { 100, null, 40, null }));
    }

    [Test]
    public void ShowBreakdown_NoSmallCells_ShowsAll()
    {
        var shown = new DisclosureControl().ShowBreakdown([0, 6, 40]);

        Assert.That(shown.Select(s => s.Value), Is.EqualTo(new long?[] { 0, 6, 40 }));
    }

    [Test]
    public void ShowBreakdown_ConfiguredThreshold_UsedForBothSuppressions()
    {
        var shown = new DisclosureControl(10).ShowBreakdown([8, 11, 12]);

        Assert.Multiple(() =>
        {
            Assert.That(shown.Select(s => s.Value), Is.EqualTo(new long?[] { null, null, 12 }));
            Assert.That(shown.Select(s => s.Threshold), Is.All.EqualTo(10));
        });
    }

    [Test]
    public void ShowBreakdown_Empty_ReturnsEmpty()
    {
        Assert.That(new DisclosureControl().ShowBreakdown([]), Is.Empty);
    }
}
