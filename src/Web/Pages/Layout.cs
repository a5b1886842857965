using System.Text;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// The frame of every page: a skip link, the banner with the main navigation and who is signed in, one
/// <c>main</c> landmark. Styles and the one script are the app's own files (no CDN), and the content security policy
/// allows nothing else.
/// </summary>
internal static class Layout
{
    private const string Policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    public static IResult Page(string title, string body, WebSession? session, int status = StatusCodes.Status200OK) =>
        new PageResult(Render(title, body, session), status);

    public static string Render(string title, string body, WebSession? session)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" – ClinicalAgent</title>")
            .Append("<link rel=\"stylesheet\" href=\"/app/assets/app.css\">")
            .Append("<script type=\"module\" src=\"/app/assets/app.js\"></script></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"banner\"><p class=\"brand\"><a href=\"/app/\">ClinicalAgent</a></p>")
            .Append("<nav aria-label=\"Main\"><ul>")
            .Append("<li><a href=\"/app/\">Patients</a></li>")
            .Append("<li><a href=\"/app/inbox\">Workflow inbox</a></li>")
            .Append("<li><a href=\"/app/benchmarks\">Benchmark reports</a></li>")
            .Append("<li><a href=\"/app/launcher\">EHR launcher</a></li>")
            .Append("</ul></nav>");
        if (session is not null)
        {
            var person = session.Person.Display == session.Person.Recorded ? session.Person.Display : $"{session.Person.Display} ({session.Person.Recorded})";
            html.Append("<div class=\"who\"><span>Signed in as <strong data-testid=\"person\">").Append(Html.E(person)).Append("</strong></span>");
            // Which records the pages and the chat read: a launch from another EHR reads that EHR's, never this server's store.
            html.Append("<span>Records: <strong data-testid=\"records-source\">")
                .Append(session.Remote is { } remote ? Html.E(remote.FhirBase.AbsoluteUri.TrimEnd('/')) : "this server").Append("</strong></span>");
            if (!session.Person.IsLocalUser)
                html.Append("<form method=\"post\" action=\"/app/logout\"><button type=\"submit\">Sign out</button></form>");
            html.Append("</div>");
        }

        html.Append("</header><main id=\"main\" tabindex=\"-1\">").Append(body).Append("</main></body></html>\n");
        return html.ToString();
    }

    private sealed class PageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.ContentSecurityPolicy = Policy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.CacheControl = "no-store";
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
