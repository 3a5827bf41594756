namespace Lake.Contracts.Files;

/// <summary>A path Lake will not read or write: not a regular file, a planted link, or outside its root. The message says which.</summary>
public sealed class RefusedPathException(string message) : IOException(message);
