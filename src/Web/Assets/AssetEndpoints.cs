using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClinicalAgent.Web.Assets;

/// <summary>
/// <c>GET /app/assets/app.js</c> and <c>app.css</c>: the app's one script and one style sheet, embedded in this
/// assembly (no static web assets, no CDN, nothing fetched at build or run time), read once.
/// </summary>
internal static class AssetEndpoints
{
    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Files = new Dictionary<string, (byte[], string)>
    {
        ["app.js"] = (Read("app.js"), "text/javascript; charset=utf-8"),
        ["app.css"] = (Read("app.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Map(RouteGroupBuilder app) =>
        app.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            if (!Files.TryGetValue(name, out var file))
                return Results.NotFound();
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(file.Content, file.Type);
        });

    private static byte[] Read(string name)
    {
        using var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream($"ClinicalAgent.Web.Assets.{name}")
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
