namespace Lake.Ingest.Descriptors;

/// <summary>A source descriptor that cannot be used, with a message that says what to change.</summary>
public sealed class DescriptorException(string message) : Exception(message);
