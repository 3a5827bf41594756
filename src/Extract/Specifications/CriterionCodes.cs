using System.Text.RegularExpressions;
using Lake.Contracts.Codes;

namespace Lake.Extract.Specifications;

/// <summary>
/// The shapes of the codes a cohort criterion names, and their canonical spelling. The validator
/// refuses what does not fit, so a typo or an injection attempt is named rather than searched
/// for; the compiler searches the canonical form the register stores (ingest upper-cases ATC and
/// procedure codes and writes ICD-10 in THL's dotted form).
/// </summary>
internal static partial class CriterionCodes
{
    public static bool TryIcd10Prefix(string? code, out string canonical) => Icd10Code.TryNormalizePrefix(code ?? "", out canonical);

    /// <summary>NOMESCO procedure codes: a letter, then up to six letters or digits (JJ1LE, or the prefix JJ).</summary>
    public static bool TryProcedurePrefix(string? code, out string canonical) => TryUpper(code, ProcedureShape(), out canonical);

    /// <summary>ATC at any of its five levels: A, A10, A10B, A10BA, A10BA02.</summary>
    public static bool TryAtcPrefix(string? code, out string canonical) => TryUpper(code, AtcShape(), out canonical);

    /// <summary>Laboratory examination numbers are matched as stored: digits or letters, with - or _ inside.</summary>
    public static bool IsLaboratoryTestCode(string? code) => code is not null && LaboratoryShape().IsMatch(code);

    /// <summary>Specialty names as units record them (Sisätaudit, Cardiology, 10 Sisätaudit): words, not syntax.</summary>
    public static bool IsSpecialty(string? name) => name is not null && SpecialtyShape().IsMatch(name);

    /// <summary>Specialties are compared in lower case, so Kardiologia and KARDIOLOGIA are one.</summary>
    public static string Specialty(string name) => name.Trim().ToLowerInvariant();

    private static bool TryUpper(string? code, Regex shape, out string canonical)
    {
        canonical = (code ?? "").Trim().ToUpperInvariant();
        return shape.IsMatch(canonical);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,6}$")]
    private static partial Regex ProcedureShape();

    [GeneratedRegex("^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$")]
    private static partial Regex AtcShape();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9_-]{0,14}[A-Za-z0-9])?$")]
    private static partial Regex LaboratoryShape();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} .,&()/-]{0,79}$")]
    private static partial Regex SpecialtyShape();
}
