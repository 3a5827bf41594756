using System.Text;

namespace Lake.Ingest.Fhir;

/// <summary>
/// Picks array elements by a child's value: <c>[system=http://loinc.org]</c> (equal) or
/// <c>[contentType^=text/plain]</c> (starts with). The child may be a dotted path
/// (<c>[code.coding.code=8480-6]</c>); an element matches when any value at it does.
/// </summary>
internal sealed class FhirPathSelector(FhirPathStep[] child, string value, bool prefix)
{
    public FhirPathStep[] Child { get; } = child;

    public string Value { get; } = value;

    public byte[] Utf8Value { get; } = Encoding.UTF8.GetBytes(value);

    /// <summary>True for <c>^=</c>: the child's value starts with <see cref="Value"/>.</summary>
    public bool Prefix { get; } = prefix;

    public override string ToString() => $"{string.Join('.', Child)}{(Prefix ? "^=" : "=")}{Value}";
}
