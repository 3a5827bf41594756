using Lake.Contracts.Registers;

namespace Lake.Extract.Scrubbing;

/// <summary>
/// The register columns that hold text written by hand: they may name people, so they are delivered
/// only under a permit that allows free text, and always scrubbed of direct identifiers.
/// </summary>
public static class FreeTextColumns
{
    private static readonly Dictionary<string, string[]> ByRegister = new(StringComparer.Ordinal)
    {
        [PatientRecordTextRegister.Name] = ["text"],
        [PathologyRegister.Name] = ["statement"],
        [ImagingRegister.Name] = ["statement"],
    };

    public static IReadOnlyList<string> Of(string register) => ByRegister.GetValueOrDefault(register) ?? [];

    public static bool Contains(string register, string column) => Of(register).Contains(column, StringComparer.Ordinal);
}
