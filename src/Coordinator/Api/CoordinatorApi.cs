using System.Text.Json;
using Lake.Contracts.Lake;
using Lake.Coordinator.Access;
using Lake.Coordinator.Audit;
using Lake.Coordinator.ControlPlane;
using Lake.Coordinator.Distribution;
using Lake.Coordinator.Preliminary;
using Lake.Coordinator.Requests;
using Lake.Extract.Preliminary;
using Lake.Extract.Specifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Lake.Coordinator.Api;

/// <summary>
/// The coordinator's HTTP API. Every endpoint needs a valid bearer access token (401 without);
/// the caller is the token's subject and <see cref="AccessPolicy"/> decides (403, or 404 where a
/// request id must not be probed). JSON in Lake's one style.
/// </summary>
internal static class CoordinatorApi
{
    /// <summary>The longest a status read waits for a request to finish before answering.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>A specification is a page of YAML; anything far larger is a mistake or an attack on memory.</summary>
    private const int MaxSpecificationBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(CoordinatorExtensions.ApiPolicy);

        api.MapGet("/me", (HttpContext context, CallerClaims claims) =>
            claims.From(context.User) is { } caller
                ? Json(new { subject = caller.Subject, roles = caller.Roles }, StatusCodes.Status200OK)
                : NoSubject());

        api.MapPost("/requests", async (HttpContext context, CallerClaims claims, AccessPolicy policy, RequestStore requests, PermitStore permits, AuditLog audit, OutboxDispatcher outbox,
            CoordinatorWorkspace workspace, TimeProvider time, IOptions<TransferOptions> transfers, CancellationToken cancellationToken) =>
        {
            if (claims.From(context.User) is not { } caller)
                return NoSubject();
            JsonDocument body;
            try
            {
                body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            }
            catch (JsonException e)
            {
                return Problem($"The body is not JSON: {e.Message}");
            }

            using (body)
            {
                // The requester is the token's subject; a body that names someone is refused, not quietly overruled.
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("user", out _))
                    return Problem("The body names a user; remove 'user': the requester is the signed-in caller.");
                RequestSubmission? submission;
                try
                {
                    submission = body.Deserialize<RequestSubmission>(LakeJson.Options);
                }
                catch (JsonException e)
                {
                    return Problem($"The body is not a request submission: {e.Message}");
                }

                if (submission is null)
                    return Problem("The body is empty; send {\"specification\": ..., \"permitId\": ...}.");
                var decision = await policy.DecideAsync(caller, LakeAction.SubmitRequest, $"a request under permit {submission.PermitId}", permitId: submission.PermitId, cancellationToken: cancellationToken);
                if (!decision.Allowed)
                    return Forbidden(decision);
                var errors = SpecificationValidator.Validate(submission.Specification, workspace.Registers).ToList();
                if (errors.Count > 0)
                    return Problem("The specification is not valid: " + string.Join("; ", errors));
                var outcome = await new RequestService(requests, permits, audit, outbox, workspace.Registers, time, transfers).SubmitAsync(submission.Specification, submission.PermitId, caller.Subject, cancellationToken);
                return Json((await requests.FindAsync(outcome.RequestId, cancellationToken))!, outcome.Accepted ? StatusCodes.Status201Created : StatusCodes.Status403Forbidden);
            }
        });

        api.MapGet("/requests", async (HttpContext context, CallerClaims claims, AccessPolicy policy, RequestStore requests, CancellationToken cancellationToken) =>
        {
            var (caller, refusal) = await AuthorizeAsync(context, claims, policy, LakeAction.ListRequests, "requests", cancellationToken);
            return refusal ?? Json(await policy.VisibleAsync(caller!, await requests.ListAsync(cancellationToken), cancellationToken), StatusCodes.Status200OK);
        });

        api.MapGet("/requests/{id:guid}", async (Guid id, int? wait, HttpContext context, CallerClaims claims, AccessPolicy policy, RequestStore requests, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (claims.From(context.User) is not { } caller)
                return NoSubject();
            var record = await requests.FindAsync(id, cancellationToken);
            // The same answer for "no such request" and "not yours", so ids cannot be probed.
            if (!(await policy.DecideAsync(caller, LakeAction.ViewRequest, $"request {id}", record, cancellationToken: cancellationToken)).Allowed)
                return Results.NotFound();
            var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, (int)LongestWait.TotalSeconds));
            while (!IsFinished(record!) && time.GetUtcNow() < deadline)
            {
                await Task.Delay(100, cancellationToken);
                record = await requests.FindAsync(id, cancellationToken);
            }

            return Json(record!, StatusCodes.Status200OK);
        });

        api.MapPost("/studies/preliminary", async (HttpContext context, CallerClaims claims, AccessPolicy policy, PreliminaryStudyRunner studies, CancellationToken cancellationToken) =>
        {
            var (caller, refusal) = await AuthorizeAsync(context, claims, policy, LakeAction.PreliminaryStudy, "a preliminary study", cancellationToken);
            if (refusal is not null)
                return refusal;
            if (await ReadTextAsync(context.Request, cancellationToken) is not { } text)
                return Problem($"The specification is larger than {MaxSpecificationBytes / 1024} KiB.");
            try
            {
                var report = await studies.RunAsync(studies.Read(text, "the request body"), caller!.Subject, cancellationToken);
                return Results.Text(PreliminaryReportJson.Serialize(report), "application/json", statusCode: StatusCodes.Status200OK);
            }
            catch (SpecificationException e)
            {
                return Problem(e.Message);
            }
            catch (Pseudonymization.KeyStoreException e)
            {
                // An identity-code list read by a coordinator without register keys: the service's limit, said as such.
                return Results.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
            }
            catch (PreliminaryRefusedException e)
            {
                return Results.Problem("Refused: " + e.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (PreliminaryUnavailableException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

        api.MapGet("/audit/verify", async (HttpContext context, CallerClaims claims, AccessPolicy policy, AuditLog audit, CancellationToken cancellationToken) =>
            (await AuthorizeAsync(context, claims, policy, LakeAction.ReadAudit, "the audit log", cancellationToken)).Refusal ?? Json(audit.Verify(), StatusCodes.Status200OK));

        api.MapGet("/operations/requests", async (HttpContext context, CallerClaims claims, AccessPolicy policy, RequestStore requests, CancellationToken cancellationToken) =>
        {
            if ((await AuthorizeAsync(context, claims, policy, LakeAction.ViewOperations, "request counts", cancellationToken)).Refusal is { } refusal)
                return refusal;
            // Counts by state only: an operator sees the service's load, never who asked for what.
            var counts = (await requests.ListAsync(cancellationToken)).GroupBy(r => r.State).ToDictionary(g => g.Key.ToString(), g => g.Count());
            return Json(new { requests = counts }, StatusCodes.Status200OK);
        });
    }

    /// <summary>The policy's answer for the token's caller: no refusal, or the 403 to send.</summary>
    private static async Task<(Caller? Caller, IResult? Refusal)> AuthorizeAsync(HttpContext context, CallerClaims claims, AccessPolicy policy, LakeAction action, string subject,
        CancellationToken cancellationToken)
    {
        if (claims.From(context.User) is not { } caller)
            return (null, NoSubject());
        var decision = await policy.DecideAsync(caller, action, subject, cancellationToken: cancellationToken);
        return decision.Allowed ? (caller, null) : (null, Forbidden(decision));
    }

    /// <summary>The body as text, or null when it is larger than a specification may be.</summary>
    private static async Task<string?> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxSpecificationBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            length += read;
        return length > MaxSpecificationBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static bool IsFinished(RequestRecord record) => record.State is RequestState.Delivered or RequestState.Refused or RequestState.Failed;

    private static IResult Json(object value, int status) =>
        Results.Text(JsonSerializer.Serialize(value, value.GetType(), LakeJson.Options), "application/json", statusCode: status);

    private static IResult Problem(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult Forbidden(PolicyDecision decision) => Results.Problem("Refused: " + decision.Reason + ".", statusCode: StatusCodes.Status403Forbidden);

    private static IResult NoSubject() =>
        Results.Problem("The access token names no Lake user (check Auth:SubjectClaim).", statusCode: StatusCodes.Status403Forbidden);
}
