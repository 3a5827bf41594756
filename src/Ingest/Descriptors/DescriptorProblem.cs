namespace Lake.Ingest.Descriptors;

/// <summary>One thing wrong with a source descriptor, with the line of the setting it concerns when the file has one.</summary>
public sealed record DescriptorProblem(int? Line, string Message)
{
    public override string ToString() => Line is null ? Message : $"line {Line}: {Message}";
}
