using System.CommandLine;

namespace Lake.Cli.Commands;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Data folder holding the lake, control-plane database, deliveries and feeds (default: $LAKE_DATA or ./lake-data).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LAKE_DATA") ?? "lake-data",
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On a failure, print the details (the stack trace) after the one line that says what to check.",
        Recursive = true,
    };

    public static readonly Option<string?> KeyRing = new("--keyring")
    {
        Description = "Key ring file (default: $LAKE_KEYRING or ~/.config/lake/keyring.json). Kept outside the data folder.",
        Recursive = true,
    };

    public static readonly Option<string?> Sources = new("--sources")
    {
        Description = "Folder of source descriptors (default: $LAKE_SOURCES or the ones shipped with Lake).",
        Recursive = true,
    };

    public static readonly Option<string[]> RegisterFolders = new("--register-folder")
    {
        Description = "A further folder of register files, besides Lake's own and the data folder's registers/; may be repeated (default: $LAKE_REGISTERS, folders separated by ':').",
        Recursive = true,
        DefaultValueFactory = _ => (Environment.GetEnvironmentVariable("LAKE_REGISTERS") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
    };

    /// <summary>The workspace of the data folder, which must exist: only `lake init` and `lake demo` create one.</summary>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    public static Workspace Workspace(ParseResult parse) => new(DataFolder.RequireExisting(parse.GetValue(Data)!), parse.GetValue(KeyRing)) { RegisterFolders = parse.GetValue(RegisterFolders) ?? [] };
}
