using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Lake.Coordinator;

/// <summary>Whether a posted form came from a page this server served: its antiforgery token checks out.</summary>
public static class FormOrigin
{
    public static async Task<bool> IsFromThisSiteAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
