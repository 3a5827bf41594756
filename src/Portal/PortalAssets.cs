using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Portal;

/// <summary>
/// The portal's stylesheet and its one script, served from the assembly at addresses that name
/// their content, so a browser keeps them for a year and fetches a changed one at once. The
/// script is a file, never inline: the Content-Security-Policy allows this server's scripts only.
/// </summary>
public static class PortalAssets
{
    private static readonly Asset Stylesheet = Asset.Load("portal.css", "text/css; charset=utf-8");

    private static readonly Asset LiveScript = Asset.Load("portal-live.js", "text/javascript; charset=utf-8");

    public static string StylesheetUrl => Stylesheet.Url;

    /// <summary>Refreshes the parts of a page marked <c>data-live-source</c> while a request is open; pages work without it.</summary>
    public static string LiveScriptUrl => LiveScript.Url;

    internal static void Map(IEndpointRouteBuilder app)
    {
        foreach (var asset in new[] { Stylesheet, LiveScript })
        {
            app.MapGet(asset.Path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.Bytes(asset.Bytes, asset.ContentType);
            }).AllowAnonymous();
        }
    }

    private sealed record Asset(string Path, byte[] Bytes, string ContentType)
    {
        public string Url { get; } = $"{Path}?v={Convert.ToHexStringLower(SHA256.HashData(Bytes))[..16]}";

        public static Asset Load(string name, string contentType)
        {
            using var stream = typeof(PortalAssets).Assembly.GetManifestResourceStream("Lake.Portal.Assets." + name)
                ?? throw new InvalidOperationException($"The portal's {name} is not embedded in its assembly.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return new Asset("/portal/assets/" + name, buffer.ToArray(), contentType);
        }
    }
}
