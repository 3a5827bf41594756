using System.Text.RegularExpressions;

namespace Lake.Ingest.Quarantine;

/// <summary>
/// Hides anything shaped like an identity code, valid or not, before text is written to quarantine:
/// a bad row often has a good identity code in it, and quarantine files sit beside the lake.
/// </summary>
internal static partial class IdentityCodeMask
{
    public const string Replacement = "[identity code]";

    public static string Apply(string text) => HetuShape().Replace(text, Replacement);

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Za-z](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex HetuShape();
}
