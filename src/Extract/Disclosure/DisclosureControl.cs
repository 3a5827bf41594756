namespace Lake.Extract.Disclosure;

/// <summary>
/// The one place that decides which counts people without a permit may see. A count from 1 up to
/// and including the threshold is suppressed (zero is shown: it reveals no person). In a breakdown
/// whose total is shown, a single suppressed cell could be recovered by subtraction, so the next
/// smallest non-zero cell is suppressed with it (secondary suppression).
/// </summary>
public sealed class DisclosureControl
{
    public const int DefaultThreshold = 5;

    public DisclosureControl(int threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        Threshold = threshold;
    }

    public int Threshold { get; }

    public ShownCount Show(long count) => new(IsSensitive(count) ? null : count, Threshold);

    /// <summary>Cells of one breakdown that add up to a total shown elsewhere.</summary>
    public IReadOnlyList<ShownCount> ShowBreakdown(IReadOnlyList<long> cells)
    {
        var suppressed = cells.Select(IsSensitive).ToArray();
        if (suppressed.Count(s => s) == 1)
        {
            var next = Enumerable.Range(0, cells.Count)
                .Where(i => !suppressed[i] && cells[i] > 0)
                .OrderBy(i => cells[i])
                .Cast<int?>()
                .FirstOrDefault();
            if (next is { } index)
                suppressed[index] = true;
        }

        return cells.Select((c, i) => new ShownCount(suppressed[i] ? null : c, Threshold)).ToList();
    }

    private bool IsSensitive(long count) => count >= 1 && count <= Threshold;
}
