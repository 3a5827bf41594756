using System.Globalization;
using System.Text.RegularExpressions;

namespace Lake.Contracts.Registers;

/// <summary>
/// A number column declared <c>decimal(p,s)</c> in its register file: at most <see cref="Precision"/>
/// digits, <see cref="Scale"/> of them after the point, and delivered as DECIMAL(p,s), so a measured
/// 172.5 cm reaches the researcher as 172.5 and not 172.49999999999997. The lake stores the column as
/// a double like any number column (older batches and every query read it unchanged); with at most
/// 15 digits a double holds the nearest value to each decimal exactly enough to give it back.
/// </summary>
public sealed partial record DecimalShape(int Precision, int Scale)
{
    /// <summary>The most digits a double gives back exactly (DBL_DIG).</summary>
    public const int MaxPrecision = 15;

    /// <summary>How a register file writes the shape, e.g. <c>decimal(4,1)</c>.</summary>
    public string TypeName => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})");

    /// <summary>DuckDB's type for the delivered column.</summary>
    public string SqlType => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Precision},{Scale})");

    /// <summary>Whether <paramref name="value"/> has no more than the shape's digits before and after the point.</summary>
    public bool Holds(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= Math.Pow(10, Precision - Scale))
            return false;
        // The conversion keeps 15 significant digits: the decimal the feed wrote, not the double's binary tail.
        var exact = (decimal)value;
        return decimal.Round(exact, Scale) == exact;
    }

    /// <summary>The shape a register file's type names (<c>decimal(p,s)</c>, spaces allowed after the comma), or null when it names none.</summary>
    public static DecimalShape? Parse(string type)
    {
        var match = Pattern().Match(type);
        if (!match.Success)
            return null;
        var precision = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var scale = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return precision is >= 1 and <= MaxPrecision && scale <= precision ? new DecimalShape(precision, scale) : null;
    }

    /// <summary>Whether the type is written as a decimal at all, valid or not: its problem is then its digits.</summary>
    public static bool LooksLikeDecimal(string type) => type.StartsWith("decimal", StringComparison.Ordinal);

    [GeneratedRegex(@"^decimal\(([0-9]{1,2}), ?([0-9]{1,2})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
