using System.Text.RegularExpressions;

namespace Lake.Contracts.Lake;

/// <summary>
/// The shapes of the names Lake files things under and writes into access lists and audit
/// entries: user names, permit ids and study ids. None may hold a path separator, a `..`, white
/// space or a control character, so no name can reach outside the folder it names.
/// </summary>
public static partial class LakeNames
{
    public const string UserNameRule = "2 to 64 characters: lower-case letters a-z, digits, '.', '_' or '-', starting with a letter";

    public const string PermitIdRule = "1 to 64 characters: letters A-Z or a-z, digits, '.', '_' or '-', starting with a letter or digit, no '..'";

    public const string StudyIdRule = PermitIdRule;

    public static bool IsUserName(string? name) => name is not null && UserName().IsMatch(name);

    public static bool IsPermitId(string? id) => id is not null && PermitId().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal);

    public static bool IsStudyId(string? id) => id is not null && StudyId().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal);

    /// <summary>A name as it may be quoted in a message: long ones cut, control characters replaced.</summary>
    public static string Printable(string? name)
    {
        if (name is null)
            return "";
        var shown = name.Length > 64 ? name[..64] + "…" : name;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }

    [GeneratedRegex("^[a-z][a-z0-9._-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PermitId();

    /// <summary>A study id names its delivery folder: the same plain shape as a permit id.</summary>
    private static Regex StudyId() => PermitId();
}
