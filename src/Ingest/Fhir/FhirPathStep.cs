using System.Text;

namespace Lake.Ingest.Fhir;

/// <summary>
/// One element name of a <see cref="FhirPath"/>, with what picks among its array elements: the
/// selectors every picked element must match, then the position among those that do.
/// </summary>
internal sealed class FhirPathStep(string name, FhirPathSelector[] selectors, int? index)
{
    public string Name { get; } = name;

    /// <summary>The name as UTF-8: JSON properties are looked up without transcoding them.</summary>
    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    // Arrays, not lists: evaluation walks them for every resource, and a foreach over an interface allocates.
    public FhirPathSelector[] Selectors { get; } = selectors;

    /// <summary>The position among the elements the selectors pick (0 is the first), or null for any.</summary>
    public int? Index { get; } = index;

    public override string ToString() =>
        Name + string.Concat(Selectors.Select(s => $"[{s}]")) + (Index is { } i ? $"[{i}]" : "");
}
