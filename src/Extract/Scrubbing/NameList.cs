using System.Reflection;

namespace Lake.Extract.Scrubbing;

/// <summary>First names and surnames the scrubber looks for, as written (capitalised).</summary>
public sealed class NameList(IEnumerable<string> firstNames, IEnumerable<string> surnames)
{
    private readonly HashSet<string> _firstNames = new(firstNames, StringComparer.Ordinal);
    private readonly HashSet<string> _surnames = new(surnames, StringComparer.Ordinal);

    /// <summary>The common Finnish names shipped with Lake.</summary>
    public static NameList Finnish { get; } = new(Resource("FinnishFirstNames.txt"), Resource("FinnishSurnames.txt"));

    public bool IsFirstName(string word) => _firstNames.Contains(word);

    public bool IsSurname(string word) => _surnames.Contains(word);

    private static List<string> Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Lake.Extract.Scrubbing." + name)
            ?? throw new InvalidOperationException($"The name list {name} is missing from Lake.Extract; the build embeds Scrubbing/*.txt.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }
}
