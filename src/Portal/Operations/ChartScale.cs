using System.Globalization;

namespace Lake.Portal.Operations;

/// <summary>Where values and moments fall in a chart's drawing, and numbers SVG can read whatever the page's language.</summary>
public static class ChartScale
{
    /// <summary>The top of the value axis: the smallest 1, 2, 2.5 or 5 times a power of ten at or above the highest value.</summary>
    public static double NiceMax(double max)
    {
        if (max <= 0 || double.IsNaN(max))
            return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5 })
        {
            if (step * power >= max)
                return step * power;
        }

        return 10 * power;
    }

    /// <summary>A coordinate for an SVG attribute: invariant, a decimal point, one decimal.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The colour and dash class of the line or bar at <paramref name="index"/>; six, then they repeat.</summary>
    public static string SeriesClass(int index) => $"series-{index % 6}";
}
