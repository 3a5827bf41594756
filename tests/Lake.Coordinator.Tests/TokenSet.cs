using System.Text.Json;

namespace Lake.Coordinator.Tests;

/// <summary>What the token endpoint answered: the access token and, when asked for, the refresh and ID tokens.</summary>
internal sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken)
{
    public static TokenSet From(JsonElement root) => new(
        root.GetProperty("access_token").GetString()!,
        root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        root.TryGetProperty("id_token", out var id) ? id.GetString() : null);
}
