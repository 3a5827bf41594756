using System.Text.Json;
using Lake.Coordinator.Authority;

namespace Lake.Cli.Serving;

/// <summary>
/// The command line as an OAuth client of the coordinator's authority (or the hospital's):
/// endpoints from discovery, the device authorization flow (RFC 8628) for signing in, refresh
/// tokens for staying signed in, revocation for signing out.
/// </summary>
internal sealed class AuthorityClient(Uri server) : IDisposable
{
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const string Scopes = "openid offline_access roles " + LakeClients.ApiScope;

    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
    private JsonDocument? _discovery;

    public async Task<DeviceCode> StartDeviceLoginAsync(CancellationToken cancellationToken)
    {
        var endpoint = await EndpointAsync("device_authorization_endpoint", cancellationToken);
        using var response = await _http.PostAsync(endpoint, Form(("client_id", LakeClients.CommandLine), ("scope", Scopes)), cancellationToken);
        using var body = await ReadJsonAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new UnauthorizedAccessException($"The authority at {server} refused to start a sign-in: {Error(body.RootElement)}");
        var root = body.RootElement;
        return new DeviceCode(root.GetProperty("device_code").GetString()!, root.GetProperty("user_code").GetString()!,
            root.GetProperty("verification_uri").GetString()!, root.TryGetProperty("verification_uri_complete", out var complete) ? complete.GetString() : null,
            TimeSpan.FromSeconds(root.TryGetProperty("interval", out var interval) ? interval.GetInt32() : 5), TimeSpan.FromSeconds(root.GetProperty("expires_in").GetInt32()));
    }

    /// <summary>Polls the token endpoint at the interval the authority asks for until the person approves, refuses or the code expires.</summary>
    public async Task<CachedToken> CompleteDeviceLoginAsync(DeviceCode code, CancellationToken cancellationToken)
    {
        var endpoint = await EndpointAsync("token_endpoint", cancellationToken);
        var interval = code.Interval;
        var deadline = DateTime.UtcNow + code.ExpiresIn;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(interval, cancellationToken);
            using var response = await _http.PostAsync(endpoint, Form(("grant_type", DeviceCodeGrant), ("client_id", LakeClients.CommandLine), ("device_code", code.Code)), cancellationToken);
            using var body = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
                return Token(body.RootElement);
            var error = body.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
            if (error == "authorization_pending")
                continue;
            if (error == "slow_down")
            {
                interval += TimeSpan.FromSeconds(5);
                continue;
            }

            throw new UnauthorizedAccessException($"The sign-in did not complete: {Error(body.RootElement)}");
        }

        throw new TimeoutException("The sign-in code expired before it was confirmed; run 'lake login' again.");
    }

    /// <summary>New tokens for a refresh token, or null when the authority no longer accepts it.</summary>
    public async Task<CachedToken?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var endpoint = await EndpointAsync("token_endpoint", cancellationToken);
        using var response = await _http.PostAsync(endpoint, Form(("grant_type", "refresh_token"), ("client_id", LakeClients.CommandLine), ("refresh_token", refreshToken)), cancellationToken);
        using var body = await ReadJsonAsync(response, cancellationToken);
        return response.IsSuccessStatusCode ? Token(body.RootElement) : null;
    }

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (await OptionalEndpointAsync("revocation_endpoint", cancellationToken) is not { } endpoint)
            return;
        using var response = await _http.PostAsync(endpoint, Form(("client_id", LakeClients.CommandLine), ("token", refreshToken), ("token_type_hint", "refresh_token")), cancellationToken);
    }

    public void Dispose()
    {
        _discovery?.Dispose();
        _http.Dispose();
    }

    private static CachedToken Token(JsonElement root) => new(
        root.GetProperty("access_token").GetString()!,
        root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        DateTimeOffset.UtcNow + TimeSpan.FromSeconds(root.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 300));

    private async Task<string> EndpointAsync(string name, CancellationToken cancellationToken) =>
        await OptionalEndpointAsync(name, cancellationToken)
        ?? throw new InvalidDataException($"The authority at {server} publishes no {name}; is it Lake's coordinator or an OpenID Connect provider with the device flow?");

    private async Task<string?> OptionalEndpointAsync(string name, CancellationToken cancellationToken)
    {
        if (_discovery is null)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.GetAsync(".well-known/openid-configuration", cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new HttpRequestException($"No coordinator answers at {server} ({e.Message}); check --server.", e);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                    throw new InvalidDataException($"{server} publishes no OpenID Connect discovery document ({(int)response.StatusCode}); check --server.");
                _discovery = await ReadJsonAsync(response, cancellationToken);
            }
        }

        return _discovery.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"The authority answered {(int)response.StatusCode} with something that is not JSON.");
        }
    }

    private static string Error(JsonElement root) =>
        root.TryGetProperty("error_description", out var description) ? description.GetString() ?? "" :
        root.TryGetProperty("error", out var error) ? error.GetString() ?? "" : root.ToString();

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}

/// <summary>A device authorization in progress: what the person types or opens, and how the command line waits.</summary>
internal sealed record DeviceCode(string Code, string UserCode, string VerificationUri, string? VerificationUriComplete, TimeSpan Interval, TimeSpan ExpiresIn)
{
    public override string ToString() => $"DeviceCode({UserCode}, device code redacted)";
}
