namespace Lake.Contracts.Yaml;

/// <summary>One thing wrong with a YAML file Lake reads (a source descriptor, a register file), with the line of the setting it concerns when the file has one.</summary>
public sealed record YamlProblem(int? Line, string Message)
{
    public override string ToString() => Line is null ? Message : $"line {Line}: {Message}";
}
