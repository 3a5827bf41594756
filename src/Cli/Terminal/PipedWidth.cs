using Spectre.Console;

namespace Lake.Cli.Terminal;

/// <summary>
/// Output that goes to a file or a pipe is not wrapped. Spectre.Console cannot ask a pipe for its
/// width and assumes 80 columns, so a register's description, or a table cell, would be broken
/// mid-word across lines that grep and a spreadsheet then see as separate. A pipe has no width:
/// each line is as long as its content. A terminal keeps its own width.
/// </summary>
internal static class PipedWidth
{
    /// <summary>Wider than any line Lake prints, and far below what a table's layout would have to allocate for.</summary>
    public const int Columns = 16_384;

    public static void Apply(IAnsiConsole console, bool outputRedirected)
    {
        if (outputRedirected)
            console.Profile.Width = Columns;
    }
}
