using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Lake.Ingest.Descriptors;

namespace Lake.Ingest.Fhir;

/// <summary>
/// Where a descriptor finds a field in a FHIR resource: <c>code.coding[system=http://hl7.org/fhir/sid/icd-10].code</c>,
/// <c>effectiveDateTime | effectivePeriod.start</c>, <c>content[0].attachment.data | base64</c>
/// (every form: docs/fhir-bulk.md). Compiled once per descriptor and evaluated on each resource's
/// parsed JSON, with nothing looked up by reflection and nothing allocated but the value's text.
/// </summary>
/// <remarks>
/// A path yields one value, because a register column holds one: through arrays it takes the first
/// element, in document order, on which the rest of the path finds a value; a position picks one
/// element and a selector restricts the elements tried. An empty string counts as no value (FHIR
/// forbids it), so the next alternative is tried.
/// </remarks>
internal sealed class FhirPath
{
    /// <summary>The function that decodes base64 text (an attachment's data) to UTF-8 text.</summary>
    public const string Base64 = "base64";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly FhirPathStep[][] _alternatives;
    private readonly string[] _functions;

    private FhirPath(string text, FhirPathStep[][] alternatives, string[] functions)
    {
        Text = text;
        _alternatives = alternatives;
        _functions = functions;
    }

    public string Text { get; }

    /// <exception cref="DescriptorException">The text is not a path; the message says where and why.</exception>
    public static FhirPath Parse(string text) =>
        TryParse(text, out var path, out var problem) ? path : throw new DescriptorException(problem!);

    public static bool TryParse(string text, out FhirPath path, out string? problem)
    {
        var parsed = FhirPathParser.TryParse(text.Trim(), out var alternatives, out var functions, out problem);
        path = parsed ? new FhirPath(text.Trim(), alternatives, functions) : null!;
        return parsed;
    }

    /// <summary>
    /// The path's value in the resource, or null when no alternative finds one; false with a problem
    /// when a function cannot apply to the value found (text that is not base64).
    /// </summary>
    public bool TryEvaluate(JsonElement resource, out string? value, out string? problem)
    {
        value = null;
        problem = null;
        foreach (var steps in _alternatives)
        {
            if (TryFind(resource, steps, 0, out var leaf))
            {
                value = TextOf(leaf);
                break;
            }
        }

        if (value is null)
            return true;
        foreach (var function in _functions)
        {
            if (function == Base64 && !TryDecodeBase64(value, out value, out problem))
                return false;
        }

        return true;
    }

    public override string ToString() => Text;

    private static bool TryFind(JsonElement current, FhirPathStep[] steps, int at, out JsonElement leaf)
    {
        leaf = current;
        if (at == steps.Length)
            return HasValue(current);

        var step = steps[at];
        if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step.Utf8Name, out var next))
            return false;

        // FHIR JSON writes an element that may repeat as an array even when it holds one item, and
        // one that may not as a bare value; both are read the same, so [0] on a bare value is that value.
        if (next.ValueKind != JsonValueKind.Array)
            return step.Index is null or 0 && Matches(next, step) && TryFind(next, steps, at + 1, out leaf);

        var position = 0;
        foreach (var element in next.EnumerateArray())
        {
            if (!Matches(element, step))
                continue;
            if (step.Index is not { } index)
            {
                if (TryFind(element, steps, at + 1, out leaf))
                    return true;
            }
            else if (position++ == index)
            {
                return TryFind(element, steps, at + 1, out leaf);
            }
        }

        return false;
    }

    private static bool Matches(JsonElement element, FhirPathStep step)
    {
        foreach (var selector in step.Selectors)
        {
            if (!AnyMatches(element, selector.Child, 0, selector))
                return false;
        }

        return true;
    }

    /// <summary>Whether any value at the selector's child path equals (or starts with) its value: a coding list matches if one of its codings does.</summary>
    private static bool AnyMatches(JsonElement current, FhirPathStep[] child, int at, FhirPathSelector selector)
    {
        if (at == child.Length)
            return ValueMatches(current, selector);
        if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(child[at].Utf8Name, out var next))
            return false;
        if (next.ValueKind != JsonValueKind.Array)
            return AnyMatches(next, child, at + 1, selector);
        foreach (var element in next.EnumerateArray())
        {
            if (AnyMatches(element, child, at + 1, selector))
                return true;
        }

        return false;
    }

    private static bool ValueMatches(JsonElement value, FhirPathSelector selector) => value.ValueKind switch
    {
        JsonValueKind.String when selector.Prefix => value.GetString()!.StartsWith(selector.Value, StringComparison.Ordinal),
        JsonValueKind.String => value.ValueEquals(selector.Utf8Value),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => selector.Prefix
            ? value.GetRawText().StartsWith(selector.Value, StringComparison.Ordinal)
            : value.GetRawText() == selector.Value,
        _ => false,
    };

    private static bool HasValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => false,
        JsonValueKind.String => !value.ValueEquals(""u8),
        _ => true,
    };

    /// <summary>Numbers keep their JSON text (5.40 stays 5.40); an object or array, which a column cannot hold, is its JSON.</summary>
    private static string TextOf(JsonElement leaf) => leaf.ValueKind switch
    {
        JsonValueKind.String => leaf.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => leaf.GetRawText(),
    };

    private static bool TryDecodeBase64(string text, [NotNullWhen(true)] out string? decoded, out string? problem)
    {
        decoded = null;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            problem = "the value is not base64";
            return false;
        }

        try
        {
            decoded = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            problem = "the value is base64 but not UTF-8 text (a PDF or an image?)";
            return false;
        }

        problem = null;
        return true;
    }
}
