using ClinicalAgent.Web.Assets;
using ClinicalAgent.Web.Chat;
using ClinicalAgent.Web.Inbox;
using ClinicalAgent.Web.Pages;
using ClinicalAgent.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClinicalAgent.Web;

/// <summary>Maps / (the clinician web app) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class WebAppApplicationExtensions
{
    /// <summary>
    /// Maps the pages under <c>/app</c>, their JSON and event-stream endpoints under <c>/app/api</c>, and <c>/</c> to the
    /// app. The app authenticates people with its own server-side session (a cookie), not bearer tokens: its endpoints
    /// are not behind the resource server's policy, each checks its session.
    /// </summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Redirect("/app/"));
        var web = app.MapGroup("/app");
        web.MapGet("/", PatientSearchPage.RenderAsync);
        web.MapGet("/patients/{id}", PatientPage.RenderAsync);
        web.MapGet("/resources/{type}/{id}", ResourcePage.RenderAsync);
        web.MapGet("/images", ImageEndpoint.RenderAsync);
        AssetEndpoints.Map(web);
        SignInEndpoints.Map(web);
        LaunchEndpoints.Map(web);
        InboxEndpoints.Map(web);
        BenchmarkEndpoints.Map(web);
        var api = web.MapGroup("/api");
        api.MapPost("/chat", ChatEndpoint.HandleAsync);
        WriteEndpoints.Map(api);
        return app;
    }
}
