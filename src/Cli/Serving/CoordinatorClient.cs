using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Coordinator.Api;
using Lake.Coordinator.ControlPlane;

namespace Lake.Cli.Serving;

/// <summary>
/// The coordinator's HTTP API from the command line, as the signed-in user: every call carries
/// the access token `lake login` obtained (refreshed when it has run out).
/// </summary>
internal sealed class CoordinatorClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _server;
    private readonly Func<Uri, CancellationToken, Task<string>> _accessToken;

    public CoordinatorClient(Uri server, TokenCache tokens)
        : this(server, tokens.AccessTokenAsync)
    {
    }

    public CoordinatorClient(Uri server, Func<Uri, CancellationToken, Task<string>> accessToken)
    {
        _server = server;
        _accessToken = accessToken;
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<RequestRecord> SubmitAsync(StudySpecification specification, string permitId, CancellationToken cancellationToken)
    {
        var submission = new RequestSubmission { Specification = specification, PermitId = permitId };
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "requests") { Content = JsonContent.Create(submission, options: LakeJson.Options) }, cancellationToken);
        // 403 with a record: the permit check refused it, and the refusal is recorded like any request.
        if (response.StatusCode == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "application/json")
            return await ReadAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ArgumentException($"The coordinator at {_server} did not take the request ({(int)response.StatusCode}): {await ProblemAsync(response, cancellationToken)}");
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>A preliminary study of a specification (YAML or JSON text): the report as the coordinator's JSON.</summary>
    public async Task<string> PreliminaryAsync(string specification, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "studies/preliminary") { Content = new StringContent(specification) }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ArgumentException($"The coordinator at {_server} did not run the study ({(int)response.StatusCode}): {await ProblemAsync(response, cancellationToken)}");
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Waits (the coordinator holds each read up to 30 s) until the request is delivered, refused or failed, or <paramref name="timeout"/> passes.</summary>
    public async Task<RequestRecord> WaitAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = Math.Clamp((int)(deadline - DateTime.UtcNow).TotalSeconds, 0, 30);
            var record = await FindAsync(id, left, cancellationToken)
                ?? throw new KeyNotFoundException($"The coordinator at {_server} has no request {id} that you may see.");
            if (record.State is RequestState.Delivered or RequestState.Refused or RequestState.Failed)
                return record;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Request {id} is still {record.State} after {timeout.TotalSeconds:0} s; the coordinator goes on with it.");
        }
    }

    /// <summary>The request as the coordinator has it, or null when there is none that the signed-in user may see.</summary>
    public async Task<RequestRecord?> FindAsync(Guid id, int waitSeconds, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"requests/{id}?wait={waitSeconds}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (!response.IsSuccessStatusCode)
            throw new ArgumentException($"The coordinator at {_server} answered {(int)response.StatusCode}: {await ProblemAsync(response, cancellationToken)}");
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>The requests the signed-in user may see.</summary>
    public async Task<IReadOnlyList<RequestRecord>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "requests"), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ArgumentException($"The coordinator at {_server} answered {(int)response.StatusCode}: {await ProblemAsync(response, cancellationToken)}");
        return await JsonSerializer.DeserializeAsync<List<RequestRecord>>(await response.Content.ReadAsStreamAsync(cancellationToken), LakeJson.Options, cancellationToken) ?? [];
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        var token = await _accessToken(_server, cancellationToken);
        try
        {
            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Dispose();
                throw new UnauthorizedAccessException($"The coordinator at {_server} did not accept the sign-in; run 'lake login --server {_server}' again.");
            }

            return response;
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"No coordinator answers at {_server} ({e.Message}); start one with 'lake serve' or check --server.", e);
        }
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var detail))
                return detail.GetString() ?? body;
        }
        catch (JsonException)
        {
        }

        return body;
    }

    private static async Task<RequestRecord> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<RequestRecord>(await response.Content.ReadAsStreamAsync(cancellationToken), LakeJson.Options, cancellationToken)
        ?? throw new InvalidDataException("The coordinator answered with an empty body.");
}
