using System.Text.RegularExpressions;

namespace Lake.Extract.Delivery;

/// <summary>
/// How a secure environment a delivery may be transferred to is named, in the configuration and
/// in a specification's <c>delivery.transfer_to</c>: a short lower-case word, so it is safe in
/// the audit log, the manifest, the README and a page without quoting.
/// </summary>
public static partial class TransferTargetName
{
    public const string Rule = "1-64 lower-case letters, digits and hyphens, starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Pattern();
}
