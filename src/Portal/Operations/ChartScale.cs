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

    /// <summary>A value on an axis whose ticks are <paramref name="step"/> apart, in the page's language, with as many decimals as the step needs.</summary>
    public static string Tick(double value, double step)
    {
        var decimals = step >= 1 || step <= 0 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9);
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);
    }

    /// <summary>A coordinate for an SVG attribute: invariant, a decimal point, one decimal.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The colour and dash class of the line or bar at <paramref name="index"/>; six, then they repeat.</summary>
    public static string SeriesClass(int index) => $"series-{index % 6}";
}
