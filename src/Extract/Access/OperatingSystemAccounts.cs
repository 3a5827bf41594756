using System.Text.RegularExpressions;

namespace Lake.Extract.Access;

/// <summary>
/// The checked map between Lake users and operating-system accounts (setting
/// <c>Accounts:OperatingSystem</c>, see <see cref="AccountsOptions"/>). Deliveries grant read access
/// to the accounts of the permit's members; the command line can name the Lake user an account is.
/// Both directions are unambiguous because the map must be one-to-one.
/// </summary>
public sealed partial class OperatingSystemAccounts
{
    public const string Setting = AccountsOptions.SectionName + ":" + nameof(AccountsOptions.OperatingSystem);

    private readonly Dictionary<string, string> _accountOf;
    private readonly Dictionary<string, string> _userOf;

    /// <summary>Checks the map: every account name is a plain POSIX login name and no two Lake users share an account.</summary>
    /// <exception cref="ArgumentException">The map breaks one of those rules; the message names the setting and the entry.</exception>
    public OperatingSystemAccounts(IReadOnlyDictionary<string, string> accountOfLakeUser)
    {
        _accountOf = new Dictionary<string, string>(StringComparer.Ordinal);
        _userOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (user, account) in accountOfLakeUser.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(user) || user.Any(char.IsWhiteSpace))
                throw new ArgumentException($"{Setting}: '{user}' is not a Lake user name (empty or with spaces).");
            // The name goes into setfacl's arguments: only what useradd itself accepts by default,
            // so no entry separator (',' ':') or option-looking text can reach the command.
            if (!AccountName().IsMatch(account ?? ""))
                throw new ArgumentException($"{Setting}:{user} is '{account}', which is not an operating-system account name (a lower-case letter or '_', then up to 31 lower-case letters, digits, '_' or '-').");
            if (_userOf.TryGetValue(account!, out var other))
                throw new ArgumentException($"{Setting}: Lake users '{other}' and '{user}' both map to the operating-system account '{account}'; the map must be one-to-one.");
            _accountOf[user] = account!;
            _userOf[account!] = user;
        }
    }

    /// <summary>No Lake user has an account: deliveries are readable by the account running Lake alone.</summary>
    public static OperatingSystemAccounts None { get; } = new(new Dictionary<string, string>());

    /// <summary>The map of a bound <see cref="AccountsOptions"/>, checked.</summary>
    public static OperatingSystemAccounts From(AccountsOptions options) => new(options.OperatingSystem);

    /// <summary>The operating-system account of a Lake user, or null when none is configured.</summary>
    public string? AccountFor(string lakeUser) => _accountOf.GetValueOrDefault(lakeUser);

    /// <summary>The Lake user an operating-system account belongs to, or null when it is nobody's.</summary>
    public string? LakeUserFor(string operatingSystemAccount) => _userOf.GetValueOrDefault(operatingSystemAccount);

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountName();
}
