using System.Globalization;
using Lake.Contracts.Extraction;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lake.Extract.Specifications;

/// <summary>Reads a study specification from YAML or JSON (YAML reads both) and validates it before anything runs.</summary>
public static class SpecificationReader
{
    /// <summary>Larger documents are refused before parsing: a specification is a page, not a data set.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeConverter(new DateOnlyYamlConverter())
        .Build();

    public static StudySpecification Load(string path)
    {
        if (!File.Exists(path))
            throw new SpecificationException($"Specification '{path}' does not exist.");
        if (new FileInfo(path).Length > MaxBytes)
            throw new SpecificationException($"Specification '{path}' is larger than {MaxBytes / 1024} KiB; split the request or list codes by prefix.");
        return Parse(File.ReadAllText(path), path);
    }

    public static StudySpecification Parse(string text, string origin = "specification")
    {
        SpecificationDocument document;
        try
        {
            document = Deserializer.Deserialize<SpecificationDocument>(text)
                ?? throw new SpecificationException($"{origin}: the document is empty.");
        }
        catch (YamlException e)
        {
            var inner = e.InnerException ?? e;
            throw new SpecificationException($"{origin}, line {e.Start.Line}, column {e.Start.Column}: {inner.Message}");
        }

        var specification = document.ToSpecification(origin);
        SpecificationValidator.ThrowIfInvalid(specification, origin);
        return specification;
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
