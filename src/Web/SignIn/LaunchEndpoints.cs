using System.Net.Http.Json;
using System.Text.Json;
using ClinicalAgent.Auth;
using ClinicalAgent.Web.Pages;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Web.SignIn;

/// <summary>
/// SMART App Launch. <c>GET /app/launch?iss=…&amp;launch=…</c> (EHR launch; without <c>launch</c>, a standalone launch
/// asking for <c>launch/patient</c>): discovers the issuer's endpoints from <c>iss/.well-known/smart-configuration</c>
/// and authorizes with PKCE, <c>state</c> and <c>aud=iss</c>; the shared callback opens the patient the token names.
/// <c>/app/launcher</c> is a small EHR of this server's own: it mints a <c>launch</c> for a patient at the local
/// authorization server and opens a SMART app's launch URL with it (this app's by default).
/// </summary>
internal static class LaunchEndpoints
{
    public static void Map(RouteGroupBuilder app)
    {
        app.MapGet("/launch", LaunchAsync);
        app.MapGet("/launcher", (HttpContext context) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.SignInFirst(context);
            var own = $"{context.Request.Scheme}://{context.Request.Host}";
            var body = $"""
                <h1>EHR launcher</h1>
                <p>Opens a SMART app as an EHR would: with <code>iss</code> = this server's FHIR base and a one-time <code>launch</code> for the patient.</p>
                <form method="post" action="/app/launcher" class="search">
                <div class="field"><label for="patient">Patient id</label><input id="patient" name="patient" type="text" required></div>
                <div class="field"><label for="app">App launch URL</label><input id="app" name="app" type="url" value="{Html.E(own)}/app/launch" required></div>
                <button type="submit">Launch</button>
                </form>
                """;
            return Layout.Page("EHR launcher", body, session);
        });
        app.MapPost("/launcher", async (HttpContext context, CancellationToken ct) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.SignInFirst(context);
            if (!SessionGate.SignInRequired(context))
                return ErrorPage.Result(StatusCodes.Status400BadRequest, "No authorization server", "Authorization is off (--insecure-no-auth), so there is no authorization server to launch through.");
            var form = await context.Request.ReadFormAsync(ct);
            var patient = form["patient"].ToString().Trim();
            if (patient.Length == 0 || !Uri.TryCreate(form["app"].ToString(), UriKind.Absolute, out var launchUri) || launchUri.Scheme is not ("http" or "https"))
                return ErrorPage.Result(StatusCodes.Status400BadRequest, "Launch not possible", "Give a patient id and the app's absolute launch URL.");
            var launch = context.RequestServices.GetRequiredService<LocalAuthority>().CreateLaunch(patient);
            var iss = $"{context.Request.Scheme}://{context.Request.Host}/fhir";
            return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(launchUri.AbsoluteUri, new Dictionary<string, string?> { ["iss"] = iss, ["launch"] = launch }));
        });
    }

    private static async Task<IResult> LaunchAsync(HttpContext context, string? iss, string? launch, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(iss, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
            return ErrorPage.Result(StatusCodes.Status400BadRequest, "Launch not valid", "The launch has no iss (the FHIR server's base URL), or it is not an http(s) URL.");
        var own = $"{context.Request.Scheme}://{context.Request.Host}/fhir";
        if (!string.Equals(issuer.AbsoluteUri.TrimEnd('/'), own, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorPage.Result(StatusCodes.Status501NotImplemented, "Launch from another EHR not supported yet",
                $"This app opens records of this server ({own}) only; {issuer.Host} is another FHIR server.");
        }

        var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(SignInEndpoints.HttpClientName);
        JsonElement configuration;
        try
        {
            configuration = await client.GetFromJsonAsync<JsonElement>($"{issuer.AbsoluteUri.TrimEnd('/')}/.well-known/smart-configuration", cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException)
        {
            return ErrorPage.Result(StatusCodes.Status502BadGateway, "Launch not possible", $"{issuer.Host} did not answer its SMART configuration (.well-known/smart-configuration).");
        }

        if (Endpoint(configuration, "authorization_endpoint") is not { } authorize || Endpoint(configuration, "token_endpoint") is not { } token)
            return ErrorPage.Result(StatusCodes.Status502BadGateway, "Launch not possible", "The FHIR server's SMART configuration names no authorization or token endpoint.");

        var registration = context.RequestServices.GetRequiredService<WebClientRegistration>();
        var redirectUri = $"{context.Request.Scheme}://{context.Request.Host}{WebClientRegistration.CallbackPath}";
        await registration.EnsureAsync(cancellationToken);
        var options = context.RequestServices.GetRequiredService<IOptions<WebAppOptions>>().Value;
        var verifier = Pkce.NewVerifier();
        var state = context.RequestServices.GetRequiredService<WebSessions>().BeginSignIn(expires =>
            new PendingSignIn(verifier, redirectUri, "/app/", expires, token, issuer.AbsoluteUri));
        var scopes = launch is { Length: > 0 } ? options.LaunchScopes : $"{options.LaunchScopes} launch/patient".Replace("launch ", "", StringComparison.Ordinal);
        return Results.Redirect(SignInEndpoints.AuthorizeUrl(authorize, options.ClientId, redirectUri, scopes, state, verifier, issuer.AbsoluteUri.TrimEnd('/'), launch is { Length: > 0 } ? launch : null));
    }

    private static string? Endpoint(JsonElement configuration, string name) =>
        configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
