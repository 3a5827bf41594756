using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Portal;

/// <summary>
/// The portal's stylesheet, served from the assembly at an address that names its content, so a
/// browser keeps it for a year and fetches a changed one at once.
/// </summary>
public static class PortalAssets
{
    private const string StylesheetPath = "/portal/assets/portal.css";

    private static readonly byte[] Stylesheet = Load("portal.css");

    public static string StylesheetUrl { get; } = $"{StylesheetPath}?v={Convert.ToHexStringLower(SHA256.HashData(Stylesheet))[..16]}";

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(StylesheetPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(Stylesheet, "text/css; charset=utf-8");
        }).AllowAnonymous();

    private static byte[] Load(string name)
    {
        using var stream = typeof(PortalAssets).Assembly.GetManifestResourceStream("Lake.Portal.Assets." + name)
            ?? throw new InvalidOperationException($"The portal's {name} is not embedded in its assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
