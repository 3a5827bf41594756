using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Contracts.Extraction;
using Lake.Contracts.Lake;
using Lake.Extract.ControlPlane;

namespace Lake.Cli.Serving;

/// <summary>`lake request submit --server`: the coordinator's HTTP API from the command line.</summary>
internal sealed class CoordinatorClient(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<RequestRecord> SubmitAsync(StudySpecification specification, string permitId, string user, CancellationToken cancellationToken)
    {
        var submission = new RequestSubmission { Specification = specification, PermitId = permitId, User = user };
        using var response = await SendAsync(() => _http.PostAsJsonAsync("requests", submission, LakeJson.Options, cancellationToken));
        if (!response.IsSuccessStatusCode)
            throw new ArgumentException($"The coordinator at {server} did not take the request ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>Polls the request until it is delivered, refused or failed, or <paramref name="timeout"/> passes.</summary>
    public async Task<RequestRecord> WaitAsync(Guid id, string user, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var record = await FindAsync(id, user, cancellationToken)
                ?? throw new KeyNotFoundException($"The coordinator at {server} has no request {id} that {user} may see.");
            if (record.State is RequestState.Delivered or RequestState.Refused or RequestState.Failed)
                return record;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Request {id} is still {record.State} after {timeout.TotalSeconds:0} s; the coordinator goes on with it.");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>The request as the coordinator has it, or null when there is none that <paramref name="user"/> may see.</summary>
    public async Task<RequestRecord?> FindAsync(Guid id, string user, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.GetAsync($"requests/{id}?user={Uri.EscapeDataString(user)}", cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"No coordinator answers at {server} ({e.Message}); start one with 'lake serve' or check --server.", e);
        }
    }

    private static async Task<RequestRecord> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<RequestRecord>(await response.Content.ReadAsStreamAsync(cancellationToken), LakeJson.Options, cancellationToken)
        ?? throw new InvalidDataException("The coordinator answered with an empty body.");
}
