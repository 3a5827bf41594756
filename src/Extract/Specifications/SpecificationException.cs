namespace Lake.Extract.Specifications;

/// <summary>A request specification that cannot be run, with the offending field named.</summary>
public sealed class SpecificationException(string message) : Exception(message);
