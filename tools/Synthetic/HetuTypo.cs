using Lake.Pseudonymization;

namespace Lake.Synthetic;

/// <summary>Breaks identity codes the way typing does: a wrong check character.</summary>
internal static class HetuTypo
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>
    /// The check character is a function of the digits, so a different one makes a code that is
    /// nobody's valid code, never another person's.
    /// </summary>
    public static string WithWrongCheckCharacter(string hetu, Random random)
    {
        char replacement;
        do
        {
            replacement = CheckCharacters[random.Next(CheckCharacters.Length)];
        }
        while (replacement == hetu[10]);

        var broken = string.Concat(hetu.AsSpan(0, 10), new ReadOnlySpan<char>(in replacement));
        if (Hetu.Validate(broken) == HetuError.None)
            throw new InvalidOperationException("A code with a changed check character still validated.");

        return broken;
    }
}
