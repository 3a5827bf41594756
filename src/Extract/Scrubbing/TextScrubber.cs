using System.Text;
using System.Text.RegularExpressions;
using Lake.Pseudonymization;

namespace Lake.Extract.Scrubbing;

/// <summary>
/// Takes direct identifiers out of a free text, replacing each with a typed mark ([HETU], [PHONE],
/// [EMAIL], [ADDRESS], [NAME]) and counting it. It errs towards taking out too much: a lost word
/// costs a researcher little, a name left in costs the patient more. Texts are never logged.
/// </summary>
public sealed partial class TextScrubber(NameList names)
{
    public static TextScrubber Finnish { get; } = new(NameList.Finnish);

    public string Scrub(string text, RedactionCounts counts)
    {
        // E-mail addresses first: they contain names and digits the later steps would take apart.
        var result = Email().Replace(text, _ => Redact(RedactionKind.Email, counts));
        // Addresses before phone numbers, so a house number and postal code are not read as a phone.
        result = Address().Replace(result, _ => Redact(RedactionKind.Address, counts));
        result = IdentityCodes(result, counts);
        result = InternationalPhone().Replace(result, _ => Redact(RedactionKind.Phone, counts));
        result = NationalPhone().Replace(result, _ => Redact(RedactionKind.Phone, counts));
        return Names(result, counts);
    }

    private static string Redact(RedactionKind kind, RedactionCounts counts)
    {
        counts.Add(kind);
        return RedactionMarks.Mark(kind);
    }

    /// <summary>Codes are found as ingest finds them; the mark ingest left for a code it masked becomes [HETU] too.</summary>
    private static string IdentityCodes(string text, RedactionCounts counts)
    {
        var masked = HetuText.MightContain(text) ? HetuText.Mask(text, out _) : text;
        if (!masked.Contains(HetuText.Replacement, StringComparison.Ordinal))
            return masked;
        var mark = RedactionMarks.Mark(RedactionKind.IdentityCode);
        var parts = masked.Split(HetuText.Replacement);
        for (var i = 1; i < parts.Length; i++)
            counts.Add(RedactionKind.IdentityCode);
        return string.Join(mark, parts);
    }

    /// <summary>
    /// A listed first name or surname, with the word beside it that completes the name: the word
    /// after a first name, the word before a surname (Jussi Virtanen, Matti Möttönen). A name of
    /// consecutive words becomes one mark.
    /// </summary>
    private string Names(string text, RedactionCounts counts)
    {
        var words = CapitalisedWord().Matches(text);
        if (words.Count == 0)
            return text;

        var redact = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var parts = words[i].Value.Split('-');
            var first = parts.Any(names.IsFirstName);
            var surname = parts.Any(names.IsSurname);
            if (!first && !surname)
                continue;
            redact[i] = true;
            if (first && i + 1 < words.Count && Adjacent(words[i], words[i + 1], text))
                redact[i + 1] = true;
            if (surname && i > 0 && Adjacent(words[i - 1], words[i], text))
                redact[i - 1] = true;
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (!redact[i])
                continue;
            var end = i;
            while (end + 1 < words.Count && redact[end + 1] && Adjacent(words[end], words[end + 1], text))
                end++;
            result.Append(text, position, words[i].Index - position).Append(Redact(RedactionKind.Name, counts));
            position = words[end].Index + words[end].Length;
            i = end;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    private static bool Adjacent(Match left, Match right, string text) =>
        right.Index == left.Index + left.Length + 1 && text[left.Index + left.Length] == ' ';

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // A street name ending in a Finnish street word, a house number, then optionally staircase,
    // flat, postal code and town: Mannerheimintie 12 B 5, 00250 Helsinki.
    // The word is taken whole (atomic group) and its ending checked after, rather than trying
    // every split of every capitalised word against the endings.
    [GeneratedRegex(@"(?<!\p{L})(?>\p{Lu}[\p{L}-]*)(?<=katu|tie|kuja|polku|väylä|rinne|tori|kaari|aukio|raitti)\s\d{1,4}(?:\s?[A-Za-z](?![\p{L}\p{N}]))?(?:\s?\d{1,3}(?!\p{N}))?(?:,?\s\d{5}(?:\s\p{Lu}\p{Ll}+)?)?", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    // +358 40 123 4567, +358 9 4711, +358401234567: the country code and six to eleven digits.
    [GeneratedRegex(@"\+358(?:[ -]?\(?0?\)?\d)(?:[ -]?\d){5,10}(?!\p{N})", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPhone();

    // 040-1234567, 040 123 4567, 09 4711, (09) 471 1234: a trunk prefix 0 with area or operator
    // code, then four to nine digits. Not after a digit, letter, dot, colon or slash, and not
    // before a digit or a decimal part, so dates (05.02.2024, 2024-05-02), times, lab values
    // and codes stay.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,:/+-])\(?0\d{1,3}\)?(?:[ -]?\d){4,9}(?!\p{N}|[.,:]\p{N})", RegexOptions.CultureInvariant)]
    private static partial Regex NationalPhone();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedWord();
}
