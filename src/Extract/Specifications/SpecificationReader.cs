using Lake.Contracts.Files;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Lake.Contracts.Extraction;
using Lake.Contracts.Registers;
using Lake.Pseudonymization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lake.Extract.Specifications;

/// <summary>Reads a study specification from YAML or JSON (YAML reads both) and validates it before anything runs.</summary>
public static partial class SpecificationReader
{
    /// <summary>Larger documents are refused before parsing: a specification is a page, not a data set.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeConverter(new DateOnlyYamlConverter())
        .WithTypeConverter(new FlagYamlConverter())
        .Build();

    /// <summary>Mappings and lists within each other; a cohort tree at its deepest needs about twenty.</summary>
    public const int MaxNesting = 40;

    /// <param name="keys">Needed only when the cohort lists identity codes, which are pseudonymized as they are read.</param>
    /// <param name="registers">The lake's registers the specification is checked against; the shipped ones when null.</param>
    public static StudySpecification Load(string path, IKeyStore? keys = null, RegisterCatalog? registers = null)
    {
        if (!File.Exists(path))
            throw new SpecificationException($"Specification '{path}' does not exist.");
        string text;
        try
        {
            // Read-bounded: /dev/zero or a FIFO is refused before it is read, not after a gigabyte.
            text = RegularFile.ReadText(path, MaxBytes, "Specification");
        }
        catch (RefusedPathException e)
        {
            throw new SpecificationException(e.Message.Contains("larger than", StringComparison.Ordinal) ? e.Message + " Split the request or list codes by prefix." : e.Message);
        }

        return Parse(text, path, keys, registers);
    }

    /// <param name="keys">Needed only when the cohort lists identity codes, which are pseudonymized as they are read.</param>
    /// <param name="registers">The lake's registers the specification is checked against; the shipped ones when null.</param>
    public static StudySpecification Parse(string text, string origin = "specification", IKeyStore? keys = null, RegisterCatalog? registers = null)
    {
        if (text.Length > MaxBytes)
            throw new SpecificationException($"{origin} is larger than {MaxBytes / 1024} KiB; split the request or list codes by prefix.");

        SpecificationDocument document;
        try
        {
            RefuseNestingAndAliases(text);
            document = Deserializer.Deserialize<SpecificationDocument>(text)
                ?? throw new SpecificationException($"{origin}: the document is empty.");
        }
        catch (YamlException e)
        {
            var inner = e.InnerException ?? e;
            throw new SpecificationException($"{origin}, line {e.Start.Line}, column {e.Start.Column}: {Explain(inner.Message)}");
        }

        var specification = document.ToSpecification(origin, keys);
        SpecificationValidator.ThrowIfInvalid(specification, origin, registers);
        return specification;
    }

    /// <summary>
    /// Walks the parser's events before anything is built: the deserializer recurses once per level,
    /// so a depth bomb must be stopped here, and an alias can make a small document a huge tree.
    /// </summary>
    private static void RefuseNestingAndAliases(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.AnchorAlias alias:
                    throw new YamlException(alias.Start, alias.End, "anchors and aliases (& and *) are not accepted; write each criterion out.");
                case YamlDotNet.Core.Events.NodeEvent { Anchor.IsEmpty: false } anchored:
                    throw new YamlException(anchored.Start, anchored.End, "anchors and aliases (& and *) are not accepted; write each criterion out.");
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart when ++depth > MaxNesting:
                    throw new YamlException(parser.Current.Start, parser.Current.End, $"nested more than {MaxNesting} levels deep; a cohort needs a few levels of all/any/not.");
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    /// <summary>The deserializer names an unknown setting by its .NET type; the researcher needs the allowed names.</summary>
    private static string Explain(string message)
    {
        var match = UnknownProperty().Match(message);
        if (!match.Success || typeof(SpecificationReader).Assembly.GetType(match.Groups["type"].Value) is not { } section)
            return message;
        var allowed = section.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name));
        return $"'{match.Groups["name"].Value}' is not a setting here; the settings here are {string.Join(", ", allowed)}.";
    }

    [GeneratedRegex("^Property '(?<name>[^']{0,40})[^']*' not found on type '(?<type>[^']+)'")]
    private static partial Regex UnknownProperty();

    /// <summary>
    /// A flag (csv, arrow, free_text, index, ...) is true or false, or YAML 1.1's yes/no/on/off as
    /// the reader always took; anything else, a list or a mapping too, is named in words rather
    /// than in the deserializer's .NET types.
    /// </summary>
    private sealed class FlagYamlConverter : IYamlTypeConverter
    {
        private static readonly HashSet<string> True = new(["true", "yes", "y", "on"], StringComparer.OrdinalIgnoreCase);
        private static readonly HashSet<string> False = new(["false", "no", "n", "off"], StringComparer.OrdinalIgnoreCase);

        public bool Accepts(Type type) => type == typeof(bool);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            if (parser.Current is not YamlDotNet.Core.Events.Scalar)
            {
                var start = parser.Current!;
                throw new YamlException(start.Start, start.End, $"expected true or false, found a {(start is YamlDotNet.Core.Events.SequenceStart ? "list" : "mapping")}.");
            }

            var scalar = parser.Consume<YamlDotNet.Core.Events.Scalar>();
            if (True.Contains(scalar.Value))
                return true;
            if (False.Contains(scalar.Value))
                return false;
            throw new YamlException(scalar.Start, scalar.End, $"'{SpecificationValidator.Shorten(scalar.Value)}' is not true or false.");
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            emitter.Emit(new YamlDotNet.Core.Events.Scalar(value is true ? "true" : "false"));
    }

    /// <summary>Dates are written yyyy-MM-dd; anything else is a mistake worth naming.</summary>
    private sealed class DateOnlyYamlConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(DateOnly) || type == typeof(DateOnly?);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var scalar = parser.Consume<YamlDotNet.Core.Events.Scalar>();
            if (string.IsNullOrEmpty(scalar.Value) && type == typeof(DateOnly?))
                return null;
            if (DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a date; write dates as yyyy-MM-dd.");
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            emitter.Emit(new YamlDotNet.Core.Events.Scalar(((DateOnly?)value)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""));
    }
}
