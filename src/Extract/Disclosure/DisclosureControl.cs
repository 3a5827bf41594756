namespace Lake.Extract.Disclosure;

/// <summary>
/// The one place that decides which counts people without a permit may see, under the service's
/// <see cref="DisclosurePolicy"/>. A count from 1 up to and including the threshold is suppressed.
/// In a breakdown whose total is shown, a single suppressed cell could be recovered by subtraction,
/// so the next smallest non-zero cell is suppressed with it (complementary suppression, labelled as
/// such). A breakdown whose only non-zero cell would say that the whole group shares an attribute
/// is hidden whole (<see cref="ZeroCells.HiddenWhenOneGroupHoldsAll"/>), and everything about a
/// group of 1 to the threshold persons is hidden with it (<see cref="HideAll"/>).
/// </summary>
public sealed class DisclosureControl
{
    public const int DefaultThreshold = 5;

    public DisclosureControl(DisclosurePolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Threshold, 1);
        Policy = policy;
    }

    /// <summary>The default policy with another threshold: for counts that are not preliminary answers (the catalog, a feed scan) and tests.</summary>
    public DisclosureControl(int threshold = DefaultThreshold)
        : this(new DisclosurePolicy { Threshold = threshold })
    {
    }

    public DisclosurePolicy Policy { get; }

    public int Threshold => Policy.Threshold;

    public ShownCount Show(long count) => IsSensitive(count) ? new ShownCount(null, Threshold, Suppression.Small) : new ShownCount(count, Threshold);

    /// <summary>A count hidden because of the group it describes (a cohort of a few, rows of a few persons).</summary>
    public ShownCount HideForGroup() => new(null, Threshold, Suppression.Group);

    /// <summary>Every cell hidden: the breakdown of a group of 1 to the threshold persons.</summary>
    public IReadOnlyList<ShownCount> HideAll(int cells) => Enumerable.Repeat(HideForGroup(), cells).ToList();

    /// <summary>Cells of one breakdown that add up to a total shown elsewhere.</summary>
    public IReadOnlyList<ShownCount> ShowBreakdown(IReadOnlyList<long> cells) =>
        ShowBreakdown(cells, cells.Select(_ => false).ToList());

    /// <summary>
    /// Cells of one breakdown, each with whether it is sensitive by a rule of the caller's (e.g. rows
    /// of too few persons) besides its own size; sensitive cells are hidden, and complemented so
    /// that none can be recovered from the total.
    /// </summary>
    public IReadOnlyList<ShownCount> ShowBreakdown(IReadOnlyList<long> counts, IReadOnlyList<bool> alsoSensitive)
    {
        var cells = counts.Select((c, i) => (Count: c, Sensitive: alsoSensitive[i])).ToList();
        if (Policy.ZeroCells == ZeroCells.HiddenWhenOneGroupHoldsAll && cells.Count > 1 && cells.Count(c => c.Count > 0) == 1)
            return HideAll(cells.Count);

        var reasons = cells.Select(c => IsSensitive(c.Count) ? Suppression.Small : c.Sensitive ? Suppression.Group : Suppression.None).ToArray();
        if (reasons.Count(r => r != Suppression.None) == 1)
        {
            var next = Enumerable.Range(0, cells.Count)
                .Where(i => reasons[i] == Suppression.None && cells[i].Count > 0)
                .OrderBy(i => cells[i].Count)
                .Cast<int?>()
                .FirstOrDefault();
            if (next is { } index)
                reasons[index] = Suppression.Complementary;
        }

        return cells.Select((c, i) => reasons[i] == Suppression.None ? new ShownCount(c.Count, Threshold) : new ShownCount(null, Threshold, reasons[i])).ToList();
    }

    /// <summary>Whether a group of this many persons is too small for anything about it to be shown.</summary>
    public bool IsSmallGroup(long persons) => IsSensitive(persons);

    private bool IsSensitive(long count) => count >= 1 && count <= Threshold;
}
