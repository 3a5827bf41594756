namespace Lake.Ingest.Profiling;

/// <summary>
/// Date and time formats a scan tries, as .NET custom format strings a descriptor can use as they
/// stand. Within each family the zero-padded form comes first: "01.02.2020" parses with d.M.yyyy
/// too, and the stricter format is the better guess when every value fits it.
/// </summary>
internal static class TemporalFormats
{
    public static IReadOnlyList<string> Candidates { get; } =
    [
        // ISO 8601 and what databases print.
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyyMMdd",
        "yyyyMMddHHmmss",

        // Finnish: day first, dots, the clock with a colon or (by the Finnish standard) a dot.
        "dd.MM.yyyy",
        "d.M.yyyy",
        "dd.MM.yyyy HH:mm",
        "d.M.yyyy H:mm",
        "dd.MM.yyyy HH:mm:ss",
        "d.M.yyyy H:mm:ss",
        "dd.MM.yyyy HH.mm",
        "d.M.yyyy H.mm",
        "dd.MM.yyyy HH.mm.ss",
        "d.M.yyyy H.mm.ss",
    ];

    public static bool HasTime(string format) => format.Contains('H', StringComparison.Ordinal);

    /// <summary>Digits only, so a column of numbers may fit it by chance.</summary>
    public static bool IsCompact(string format) => format.StartsWith("yyyyMMdd", StringComparison.Ordinal);
}
