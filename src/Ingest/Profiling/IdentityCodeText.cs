using System.Text;
using Lake.Ingest.Quarantine;
using Lake.Pseudonymization;

namespace Lake.Ingest.Profiling;

/// <summary>
/// Finds identity codes anywhere in a text a scan might print: what <see cref="IdentityCodeMask"/>
/// finds (anything shaped like one), and also valid codes run together with other characters, as
/// in a fixed-width line where the code is followed at once by the next field.
/// </summary>
internal static class IdentityCodeText
{
    private const int Length = 11;

    public static bool Contains(ReadOnlySpan<char> text)
    {
        for (var i = 0; i + Length <= text.Length; i++)
        {
            if (Hetu.Validate(text.Slice(i, Length)) == HetuError.None)
                return true;
        }

        return false;
    }

    public static string Mask(string text)
    {
        text = IdentityCodeMask.Apply(text);
        if (!Contains(text))
            return text;

        var masked = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (i + Length <= text.Length && Hetu.Validate(text.AsSpan(i, Length)) == HetuError.None)
            {
                masked.Append(IdentityCodeMask.Replacement);
                i += Length;
            }
            else
            {
                masked.Append(text[i++]);
            }
        }

        return masked.ToString();
    }
}
