using System.Globalization;

namespace Lake.Ingest.Fhir;

/// <summary>
/// Reads the text of a <see cref="FhirPath"/>: alternatives and functions separated by <c>|</c>,
/// each alternative element names joined by dots, each name followed by any number of
/// <c>[position]</c> and <c>[element=value]</c> / <c>[element^=value]</c> brackets. A mistake is
/// named with the part of the path it is in, so a descriptor author can find it.
/// </summary>
internal static class FhirPathParser
{
    /// <summary>Functions on the value an alternative found; they come after every alternative.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal) { FhirPath.Base64 };

    public static bool TryParse(string text, out FhirPathStep[][] alternatives, out string[] functions, out string? problem)
    {
        alternatives = [];
        functions = [];
        problem = null;
        if (text.Length == 0)
            return Fail("the path is empty; it names no element to read, e.g. code.coding[0].code", out problem);
        var paths = new List<FhirPathStep[]>();
        var calls = new List<string>();
        foreach (var raw in SplitOutsideBrackets(text, '|'))
        {
            var term = raw.Trim();
            if (term.Length == 0)
                return Fail($"'{text}' has an empty alternative; write 'a | b'", out problem);
            if (Functions.Contains(term))
            {
                calls.Add(term);
                continue;
            }

            if (calls.Count > 0)
                return Fail($"in '{text}', '{term}' comes after the function '{calls[^1]}'; functions come after every alternative", out problem);
            if (!TryParseSteps(term, allowBrackets: true, out var steps, out var why))
                return Fail($"'{term}' is not a path Lake reads: {why}", out problem);
            paths.Add(steps);
        }

        if (paths.Count == 0)
            return Fail($"'{text}' names no element to read; give a path, e.g. code.coding[0].code", out problem);
        alternatives = [.. paths];
        functions = [.. calls];
        return true;
    }

    private static bool TryParseSteps(string text, bool allowBrackets, out FhirPathStep[] steps, out string? problem)
    {
        steps = [];
        var parsed = new List<FhirPathStep>();
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                i++;
            if (i == start)
                return Fail(i < text.Length ? $"an element name was expected at '{text[i..]}'" : "it ends where an element name was expected", out problem);

            var name = text[start..i];
            var selectors = new List<FhirPathSelector>();
            int? index = null;
            while (i < text.Length && text[i] == '[')
            {
                if (!allowBrackets)
                    return Fail("the element a selector compares is a plain dotted path, without brackets", out problem);
                var close = text.IndexOf(']', i);
                if (close < 0)
                    return Fail($"'[' after '{name}' has no ']'", out problem);
                var inside = text[(i + 1)..close].Trim();
                if (inside.Length > 0 && inside.All(char.IsAsciiDigit))
                {
                    if (index is not null || !int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                        return Fail($"'{name}' has more than one position, or one too large", out problem);
                    index = position;
                }
                else if (TryParseSelector(inside, out var selector, out var why))
                {
                    selectors.Add(selector);
                }
                else
                {
                    return Fail($"[{inside}] after '{name}': {why}", out problem);
                }

                i = close + 1;
            }

            parsed.Add(new FhirPathStep(name, [.. selectors], index));
            if (i == text.Length)
            {
                steps = [.. parsed];
                problem = null;
                return true;
            }

            if (text[i] != '.')
                return Fail($"'{text[i]}' after '{parsed[^1]}' is neither '.' nor '['", out problem);
            i++;
        }
    }

    private static bool TryParseSelector(string inside, out FhirPathSelector selector, out string? problem)
    {
        selector = null!;
        var equals = inside.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            return Fail("a bracket holds a position ([0]) or a selector ([system=http://loinc.org], [contentType^=text/plain])", out problem);
        var prefix = inside[equals - 1] == '^';
        var child = inside[..(prefix ? equals - 1 : equals)].Trim();
        var value = inside[(equals + 1)..].Trim();
        if (value.Length == 0)
            return Fail($"the selector on '{child}' compares with nothing; give the value after '='", out problem);
        if (!TryParseSteps(child, allowBrackets: false, out var steps, out problem))
            return false;
        selector = new FhirPathSelector(steps, value, prefix);
        return true;
    }

    /// <summary>Splits at the separator where it stands outside brackets: a selector's value may hold anything but ']'.</summary>
    private static IEnumerable<string> SplitOutsideBrackets(string text, char separator)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                default:
                    if (text[i] == separator && depth == 0)
                    {
                        yield return text[start..i];
                        start = i + 1;
                    }

                    break;
            }
        }

        yield return text[start..];
    }

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }
}
