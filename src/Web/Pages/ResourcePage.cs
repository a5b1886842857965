using System.Net;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Pages;

/// <summary><c>GET /app/resources/{type}/{id}</c>: one resource readably (a cited one, a row of the summary), its JSON in a disclosure.</summary>
internal static class ResourcePage
{
    public static async Task<IResult> RenderAsync(HttpContext context, string type, string id, CancellationToken cancellationToken)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.SignInFirst(context);
        var gateway = Records.SessionRecords.Gateway(context, session);
        Hl7.Fhir.Model.Resource resource;
        try
        {
            using var actor = Fhir.Audit.AuditActorScope.Begin(session.Person.AuditActor);
            resource = await gateway.ReadAsync(type, id, cancellationToken);
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.Unauthorized && session.Remote is not null)
        {
            return RemoteSignInPage.IfRefused(context, session) ?? ErrorPage.Result(StatusCodes.Status403Forbidden, "Not allowed", $"{session.Remote.FhirBase.Host} refused to show {type}/{id}.");
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.Forbidden)
        {
            return ErrorPage.Result(StatusCodes.Status403Forbidden, "Not allowed", $"The FHIR server does not allow this sign-in to read {type}/{id}.");
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.BadRequest)
        {
            return ErrorPage.Result(StatusCodes.Status404NotFound, "Resource not found", $"{type}/{id} is not in the record.");
        }

        var json = FhirJson.Serialize(resource, pretty: true);
        using var document = JsonDocument.Parse(json);
        var reference = $"{resource.TypeName}/{resource.Id}";
        var html = new StringBuilder("<h1>").Append(Html.E(reference)).Append("</h1>");
        if (resource.Meta?.VersionId is { } version)
            html.Append("<p>Version ").Append(Html.E(version)).Append(resource.Meta.LastUpdated is { } updated ? $", last updated {Html.E(updated.ToString("o", System.Globalization.CultureInfo.InvariantCulture))}" : "").Append("</p>");
        html.Append("<dl class=\"fields\" data-testid=\"fields\">");
        foreach (var (name, value) in ResourceFields.Of(document.RootElement))
            html.Append("<dt>").Append(Html.E(name)).Append("</dt><dd>").Append(Html.E(value)).Append("</dd>");
        html.Append("</dl>");
        foreach (var image in ImageIds(resource))
            html.Append("<figure><img src=\"").Append(Html.ImageHref(image)).Append("\" alt=\"").Append(Html.E($"Image {image}")).Append("\"><figcaption>").Append(Html.E(image)).Append("</figcaption></figure>");
        html.Append("<details><summary>FHIR JSON</summary><pre data-testid=\"json\">").Append(Html.E(json)).Append("</pre></details>");
        return Layout.Page(reference, html.ToString(), session);
    }

    // The image ids list_images gives this resource's images: ImagingStudy instances by position (1-based), a Media.
    private static IEnumerable<string> ImageIds(Hl7.Fhir.Model.Resource resource) => resource switch
    {
        Hl7.Fhir.Model.ImagingStudy study => study.Series.SelectMany((s, si) => s.Instance.Select((_, ii) => $"ImagingStudy/{study.Id}#{si + 1}.{ii + 1}")).Take(8),
        Hl7.Fhir.Model.Media media when media.Content?.ContentType?.StartsWith("image/", StringComparison.Ordinal) == true => [$"Media/{media.Id}"],
        _ => [],
    };
}
