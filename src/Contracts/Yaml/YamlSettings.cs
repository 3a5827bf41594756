using System.Collections;
using System.Reflection;
using Lake.Contracts.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Lake.Contracts.Yaml;

/// <summary>
/// Checks the keys of a YAML file against the settings of the type it is read into, before it is
/// read: every key that is not a setting becomes a problem on its own line, naming where it is, the
/// settings allowed there and the nearest one, so a data engineer sees every mistake at once in the
/// file's terms instead of the deserializer's first complaint about a .NET type.
/// </summary>
public static class YamlSettings
{
    /// <param name="yaml">The file's text; text that does not parse as YAML yields no problems here (the reader reports it).</param>
    /// <param name="root">The type the whole file is read into (e.g. a source descriptor).</param>
    /// <param name="naming">How property names are spelled in the file (e.g. <c>UnderscoredNamingConvention.Instance</c>).</param>
    public static IReadOnlyList<YamlProblem> UnknownKeys(string yaml, Type root, INamingConvention naming)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet's scanner throws the latter on some broken text; the reader reports either with its line.
            return [];
        }

        var problems = new List<YamlProblem>();
        if (stream.Documents.Count > 0)
            Check(stream.Documents[0].RootNode, root, "", naming, problems);
        return problems;
    }

    private static void Check(YamlNode node, Type type, string path, INamingConvention naming, List<YamlProblem> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ItemType(type, out var isMap) is { } item)
        {
            switch (node)
            {
                case YamlMappingNode map when isMap:
                    foreach (var (key, value) in map.Children)
                        Check(value, item, Join(path, (key as YamlScalarNode)?.Value ?? "?"), naming, problems);
                    break;
                case YamlSequenceNode list when !isMap:
                    for (var i = 0; i < list.Children.Count; i++)
                        Check(list.Children[i], item, $"{path}[{i}]", naming, problems);
                    break;
            }

            return;
        }

        if (node is not YamlMappingNode mapping || !IsSettingsType(type))
            return;
        var settings = SettingsOf(type, naming);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                continue;
            if (settings.TryGetValue(key, out var property))
            {
                Check(value, property.PropertyType, Join(path, key), naming, problems);
                continue;
            }

            var allowed = settings.Keys.Order(StringComparer.Ordinal).ToList();
            var hint = NameSuggestions.DidYouMean(NameSuggestions.For(key, allowed)) is { } suggestion ? " " + char.ToUpperInvariant(suggestion[0]) + suggestion[1..] : "";
            problems.Add(new YamlProblem((int)keyNode.Start.Line,
                $"'{key}' is not a setting{(path.Length == 0 ? "" : $" of {path}")}.{hint} The settings there are: {string.Join(", ", allowed)}."));
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>Classes of settings: Lake's own option types, not strings or framework types.</summary>
    private static bool IsSettingsType(Type type) => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Lake.", StringComparison.Ordinal) == true;

    /// <summary>The item type of a list or of a map keyed by name; null for anything else.</summary>
    private static Type? ItemType(Type type, out bool isMap)
    {
        isMap = false;
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
            return null;
        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)));
        if (dictionary is not null)
        {
            isMap = true;
            return dictionary.GetGenericArguments()[1];
        }

        return type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static Dictionary<string, PropertyInfo> SettingsOf(Type type, INamingConvention naming) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<YamlIgnoreAttribute>() is null)
            .ToDictionary(p => p.GetCustomAttribute<YamlMemberAttribute>()?.Alias ?? naming.Apply(p.Name), StringComparer.Ordinal);
}
