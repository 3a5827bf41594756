using System.Text.RegularExpressions;

namespace Lake.Coordinator.Identity;

/// <summary>
/// What a Lake user or service name may look like. Names appear in permits, audit entries, file
/// ACLs and log lines, so they are kept to a plain shape: no path characters, no spaces, no
/// letters that look alike across alphabets.
/// </summary>
public static partial class AccountNames
{
    public const string Rule = "2 to 64 characters: lower-case letters a-z, digits, '.', '_' or '-', starting with a letter";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The name, or an exception saying what a name may be.</summary>
    public static string Require(string? name, string what = "user name") =>
        IsValid(name) ? name! : throw new ArgumentException($"'{Printable(name)}' is not a valid {what}: {Rule}.");

    /// <summary>A name as it may be written into a message: invalid ones are cut and escaped.</summary>
    public static string Printable(string? name)
    {
        if (name is null)
            return "";
        var shown = name.Length > 64 ? name[..64] + "…" : name;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }

    [GeneratedRegex("^[a-z][a-z0-9._-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
