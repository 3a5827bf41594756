using System.Text.RegularExpressions;

namespace Lake.Pseudonymization;

/// <summary>
/// Finds identity codes written inside free text (record texts, statements, comments) and masks
/// them. Anything shaped like a code is masked, valid or not: a mistyped code still points at a
/// person. Used at ingest, so no code written by a clinician reaches the lake, and wherever text
/// is shown or delivered.
/// </summary>
public static partial class HetuText
{
    public const string Replacement = "[identity code]";

    /// <summary>A cheap test that rules out most texts before the pattern runs.</summary>
    public static bool MightContain(ReadOnlySpan<char> text) =>
        text.Length >= 11 && text.IndexOfAnyInRange('0', '9') >= 0;

    public static string Mask(string text, out int masked)
    {
        var count = 0;
        var result = Shape().Replace(text, _ =>
        {
            count++;
            return Replacement;
        });
        masked = count;
        return result;
    }

    // No word boundaries: a code run into other characters (010480-490AH21-000001, a reference
    // number built from it) is still the code. Masking a look-alike in free text costs little.
    [GeneratedRegex(@"[0-9]{6}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
