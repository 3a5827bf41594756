using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lake.Contracts.Yaml;

/// <summary>
/// Finds the line of a setting in a YAML file (a source descriptor, a register file) by its key path (<c>columns.sex.identity</c>),
/// so that a problem found on the deserialized object can point into the file. A setting that is
/// missing points at the nearest enclosing one that is there, e.g. a required column not mapped at
/// the <c>columns:</c> line; a missing top-level setting has no line.
/// </summary>
public sealed partial class YamlLocator
{
    private readonly YamlNode? _root;

    private YamlLocator(YamlNode? root) => _root = root;

    /// <summary>Parses the text; text YAML cannot parse yields a locator that finds nothing.</summary>
    public static YamlLocator Parse(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return new YamlLocator(stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null);
        }
        catch (YamlException)
        {
            return new YamlLocator(null);
        }
    }

    /// <summary>
    /// The 1-based line of the setting at <paramref name="keyPath"/>, or of its nearest enclosing
    /// setting present in the file. Items of a list are found by index or by their name or column.
    /// </summary>
    public int? LineOf(string keyPath)
    {
        var node = _root;
        int? line = null;
        foreach (var segment in keyPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    var entry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } key } && key == segment);
                    if (entry.Key is null)
                        return line;
                    line = (int)entry.Key.Start.Line;
                    node = entry.Value;
                    break;
                case YamlSequenceNode sequence:
                    var item = ItemOf(sequence, segment);
                    if (item is null)
                        return line;
                    line = (int)item.Start.Line;
                    node = item;
                    break;
                default:
                    return line;
            }
        }

        return line;
    }

    /// <summary>A validation message as a problem with the line of the key path it starts with.</summary>
    public YamlProblem Locate(string message)
    {
        var match = LeadingKeyPath().Match(message);
        return new YamlProblem(match.Success ? LineOf(match.Groups["path"].Value) : null, message);
    }

    private static YamlNode? ItemOf(YamlSequenceNode sequence, string segment)
    {
        if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return index < sequence.Children.Count ? sequence.Children[index] : null;

        return sequence.Children.FirstOrDefault(item => item is YamlMappingNode mapping && mapping.Children.Any(c =>
            c.Key is YamlScalarNode { Value: "name" or "column" } && c.Value is YamlScalarNode { Value: { } value } && value == segment));
    }

    // Validation messages start with the setting they concern: "columns.sex.identity: ..." or
    // "format.delimiter must be ...".
    [GeneratedRegex(@"^(?<path>[a-z_]+(?:\.[^\s:.']+)*)(?=[:\s])", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingKeyPath();
}
