namespace Lake.Extract.Querying;

/// <summary>
/// Quoting for the few names Lake itself puts into SQL text: register and column names from the
/// catalog and file paths from commit records. Values from requests never come here; they are parameters.
/// </summary>
internal static class SqlText
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
