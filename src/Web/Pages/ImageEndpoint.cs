using ClinicalAgent.Tools.Images;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Web.Pages;

/// <summary><c>GET /app/images?id=…</c>: an image of the record as PNG, decoded by src/Imaging as the image tools decode it.</summary>
internal static class ImageEndpoint
{
    public static async Task<IResult> RenderAsync(HttpContext context, string? id, CancellationToken cancellationToken)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.Unauthorized();
        if (string.IsNullOrWhiteSpace(id))
            return Results.Json(new { error = "id is required: an image id from list_images." }, statusCode: StatusCodes.Status400BadRequest);
        var previews = Records.SessionRecords.Images(context, session);
        var side = context.RequestServices.GetRequiredService<IOptions<WebAppOptions>>().Value.ImageSide;
        using var actor = Fhir.Audit.AuditActorScope.Begin(session.Person.AuditActor);
        var (png, problem) = await previews.PngAsync(id, side, cancellationToken);
        if (session.Remote is { SignInAgain: true })
            return RemoteSignInPage.ApiRefused(context, session);
        if (png is null)
            return Results.Json(new { error = problem }, statusCode: StatusCodes.Status404NotFound);
        context.Response.Headers.CacheControl = "private, max-age=300";
        return Results.File(png, "image/png");
    }
}
