using Lake.Coordinator.Access;
using Lake.Portal.Authentication;
using Lake.Portal.Components.Shared;
using Lake.Portal.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lake.Portal;

/// <summary>
/// The fragments the portal's script fetches to keep an open request's page and My requests up
/// to date: the same components the pages render, under the same access decisions. Not yours,
/// none and not an id answer 404 alike, as the pages do; a list not yours to see answers 403.
/// </summary>
internal static class PortalLiveEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var live = app.MapGroup(PortalDefaults.LivePath).RequireAuthorization(PortalDefaults.Policy);

        live.MapGet("/requests/{id}", async (string id, HttpContext context, CallerClaims claims, RequestViews views) =>
        {
            if (PortalCaller.From(claims, context.User) is not { } caller || await views.FindAsync(caller, id, context.RequestAborted) is not { } view)
                return Results.NotFound();
            return Fragment<RequestLive>(context, new Dictionary<string, object?> { [nameof(RequestLive.View)] = view });
        });

        live.MapGet("/requests", async (HttpContext context, CallerClaims claims, RequestViews views) =>
        {
            if (PortalCaller.From(claims, context.User) is not { } caller)
                return Results.NotFound();
            var (requests, refusal) = await views.MineAsync(caller, context.RequestAborted);
            return requests is null
                ? Results.Text(refusal, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden)
                : Fragment<RequestList>(context, new Dictionary<string, object?> { [nameof(RequestList.Requests)] = requests });
        });
    }

    private static IResult Fragment<TComponent>(HttpContext context, IReadOnlyDictionary<string, object?> parameters) where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        // What moves must be fetched afresh every time, never from a cache.
        context.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<TComponent>(parameters) { PreventStreamingRendering = true };
    }
}
