using System.Text.Json;
using Lake.Cli.Commands;
using Lake.Contracts.Lake;
using Lake.Extract.Audit;
using Lake.Extract.ControlPlane;
using Lake.Extract.Distribution;
using Lake.Extract.Requests;
using Lake.Extract.Specifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lake.Cli.Serving;

/// <summary>
/// The coordinator's HTTP API: <c>POST /requests</c> submits (body <see cref="RequestSubmission"/>),
/// <c>GET /requests/{id}?user=</c> reads a request's state and history. JSON in Lake's one style.
/// It listens on loopback by default and has no authentication of its own: the `lake` command and
/// a portal in front of it speak for the user, as the command line does on one machine.
/// </summary>
internal static class CoordinatorApi
{
    public static void Map(WebApplication app, ControlPlaneStore store, AuditLog audit, OutboxDispatcher outbox)
    {
        var service = new RequestService(store, audit, outbox);
        app.MapPost("/requests", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            RequestSubmission? submission;
            try
            {
                submission = await JsonSerializer.DeserializeAsync<RequestSubmission>(request.Body, LakeJson.Options, cancellationToken);
            }
            catch (JsonException e)
            {
                return Problem($"The body is not a request submission: {e.Message}");
            }

            if (submission is null)
                return Problem("The body is empty; send {\"specification\": ..., \"permitId\": ..., \"user\": ...}.");
            var errors = SpecificationValidator.Validate(submission.Specification).ToList();
            if (errors.Count > 0)
                return Problem("The specification is not valid: " + string.Join("; ", errors));
            var outcome = service.Submit(submission.Specification, submission.PermitId, submission.User);
            return Json(store.FindRequest(outcome.RequestId)!, StatusCodes.Status201Created);
        });
        app.MapGet("/requests/{id:guid}", (Guid id, string? user) =>
        {
            var record = store.FindRequest(id);
            // The same answer for "no such request" and "not yours", so ids cannot be probed.
            if (record is null || user is null || !RequestCommand.MayView(store, record, user))
                return Results.NotFound();
            return Json(record, StatusCodes.Status200OK);
        });
    }

    private static IResult Json(object value, int status) =>
        Results.Text(JsonSerializer.Serialize(value, value.GetType(), LakeJson.Options), "application/json", statusCode: status);

    private static IResult Problem(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
}
