using System.Text.Json;
using System.Text.Json.Serialization;
using Lake.Contracts.Lake;

namespace Lake.Cli.Serving;

/// <summary>
/// The command line's tokens, one entry per coordinator, in an owner-only file under
/// <c>~/.config/lake/</c> (or <c>$LAKE_TOKENS</c>). An access token that has run out is renewed
/// with the refresh token; a refresh the authority refuses means signing in again.
/// </summary>
internal sealed class TokenCache(string path)
{
    public const string EnvironmentVariable = "LAKE_TOKENS";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    public string Path { get; } = path;

    public static TokenCache Default()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
            return new TokenCache(explicitPath);
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new TokenCache(System.IO.Path.Combine(config, "lake", "tokens.json"));
    }

    public static string Key(Uri server) => server.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    public CachedToken? Find(Uri server) => Load().GetValueOrDefault(Key(server));

    public void Save(Uri server, CachedToken token)
    {
        var all = Load();
        all[Key(server)] = token;
        Write(all);
    }

    public bool Remove(Uri server)
    {
        var all = Load();
        var removed = all.Remove(Key(server));
        Write(all);
        return removed;
    }

    /// <summary>A valid access token for <paramref name="server"/>, renewed if it is about to run out.</summary>
    public async Task<string> AccessTokenAsync(Uri server, CancellationToken cancellationToken)
    {
        var token = Find(server) ?? throw new UnauthorizedAccessException($"Not signed in to {server}; run 'lake login --server {server}' first.");
        if (token.ExpiresAt - RenewBefore > DateTimeOffset.UtcNow)
            return token.AccessToken;
        if (token.RefreshToken is null)
            throw new UnauthorizedAccessException($"The sign-in to {server} has expired; run 'lake login --server {server}' again.");
        using var authority = new AuthorityClient(server);
        var renewed = await authority.RefreshAsync(token.RefreshToken, cancellationToken)
            ?? throw new UnauthorizedAccessException($"The sign-in to {server} has expired or was revoked; run 'lake login --server {server}' again.");
        Save(server, renewed);
        return renewed.AccessToken;
    }

    private Dictionary<string, CachedToken> Load()
    {
        if (!File.Exists(Path))
            return [];
        if ((File.GetUnixFileMode(Path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            throw new UnauthorizedAccessException($"The token cache {Path} is readable by others; delete it and sign in again.");
        return JsonSerializer.Deserialize<Dictionary<string, CachedToken>>(File.ReadAllText(Path), LakeJson.Options) ?? [];
    }

    private void Write(Dictionary<string, CachedToken> all)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
            JsonSerializer.Serialize(stream, all, LakeJson.Options);
        File.Move(temporary, Path, overwrite: true);
    }
}

/// <summary>One coordinator's tokens; never printed.</summary>
internal sealed record CachedToken(
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("refreshToken")] string? RefreshToken,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"CachedToken(expires {ExpiresAt:O}, tokens redacted)";
}
