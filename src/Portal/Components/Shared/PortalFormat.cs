using System.Globalization;
using Lake.Contracts.Registers;
using Lake.Extract.Disclosure;
using Microsoft.Extensions.Localization;

namespace Lake.Portal.Components.Shared;

/// <summary>
/// Numbers, periods and times as the portal's pages write them, in the page's language. Counts
/// arrive already disclosure-controlled: a suppressed one is shown exactly as `lake catalog` shows it.
/// </summary>
public static class PortalFormat
{
    /// <summary>A count, "1-5" for a small one, or "suppressed"; "≤" marks an upper bound.</summary>
    public static string Count(ShownCount count, IStringLocalizer text, bool exact = true) =>
        (exact ? "" : "≤ ") + (count.Value is { } value ? value.ToString("N0", CultureInfo.CurrentCulture)
            : count.Reason == Suppression.Small ? count.ToString() : text["Suppressed"].Value);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Rate(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.CurrentCulture) : "";

    /// <summary>A source's period as the dataset catalog states it: "2004-2007 (partial)", "since 2022".</summary>
    public static string Period(SourceCoverage source, IStringLocalizer text)
    {
        var years = source.ToYear is null ? text["Since", source.FromYear].Value
            : source.ToYear == source.FromYear ? $"{source.FromYear}" : $"{source.FromYear}-{source.ToYear}";
        return source.Partial ? text["PartialPeriod", years].Value : years;
    }

    /// <summary>A moment in UTC, the same in every language: the control plane and the audit log keep UTC.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("N1", CultureInfo.CurrentCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.CurrentCulture) + " MiB",
    };
}
