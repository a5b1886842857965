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
/// authorization server and opens a SMART app's launch URL with it (this app's by default). A launch from another EHR
/// (an <c>iss</c> listed in <c>Web:RemoteClients</c>) signs in there with the app's client id at that EHR; the callback
/// then keeps the token in the session, and the session reads that EHR's records (<see cref="RemoteCallback"/>).
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
        var options = context.RequestServices.GetRequiredService<IOptions<WebAppOptions>>().Value;
        var own = $"{context.Request.Scheme}://{context.Request.Host}/fhir";
        RemoteClientOptions? remote = null;
        if (!SameBase(issuer.AbsoluteUri, own))
        {
            // Only EHRs the app is registered with: a launch link must not make this server call any URL it names.
            remote = options.RemoteClients.FirstOrDefault(c => SameBase(c.Issuer, issuer.AbsoluteUri) && c.ClientId.Length > 0);
            if (remote is null)
            {
                return ErrorPage.Result(StatusCodes.Status403Forbidden, "EHR not registered",
                    $"This app is not registered with the FHIR server {issuer.GetLeftPart(UriPartial.Path).TrimEnd('/')} (Web:RemoteClients has no client id for it), so it cannot sign in there. An administrator adds the issuer and the client id the EHR issued to the app.");
            }
        }

        var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(SignInEndpoints.HttpClientName);
        JsonElement configuration;
        try
        {
            configuration = await client.GetFromJsonAsync<JsonElement>($"{issuer.AbsoluteUri.TrimEnd('/')}/.well-known/smart-configuration", cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ErrorPage.Result(StatusCodes.Status502BadGateway, "Launch not possible", $"{issuer.Authority} did not answer its SMART configuration (.well-known/smart-configuration).");
        }

        if (Endpoint(configuration, "authorization_endpoint") is not { } authorize || Endpoint(configuration, "token_endpoint") is not { } token)
            return ErrorPage.Result(StatusCodes.Status502BadGateway, "Launch not possible", "The FHIR server's SMART configuration names no authorization or token endpoint.");
        if (remote is not null && !IsSecureOrLoopback(token))
            return ErrorPage.Result(StatusCodes.Status502BadGateway, "Launch not possible", $"The SMART configuration of {issuer.Authority} names a token endpoint that is neither https nor on this machine; the app does not send codes there.");

        string redirectUri;
        if (remote is null)
        {
            redirectUri = $"{context.Request.Scheme}://{context.Request.Host}{WebClientRegistration.CallbackPath}";
            await context.RequestServices.GetRequiredService<WebClientRegistration>().EnsureAsync(cancellationToken);
        }
        else
        {
            redirectUri = remote.RedirectUri is { Length: > 0 } configured ? configured : $"{context.Request.Scheme}://{context.Request.Host}{WebClientRegistration.CallbackPath}";
        }

        var scopes = remote is null ? options.LaunchScopes : remote.Scopes is { Length: > 0 } asked ? asked : options.RemoteScopes;
        var verifier = Pkce.NewVerifier();
        var state = context.RequestServices.GetRequiredService<WebSessions>().BeginSignIn(expires =>
            new PendingSignIn(verifier, redirectUri, "/app/", expires, token, issuer.AbsoluteUri, remote));
        return Results.Redirect(SignInEndpoints.AuthorizeUrl(authorize, remote?.ClientId ?? options.ClientId, redirectUri,
            launch is { Length: > 0 } ? scopes : StandaloneScopes(scopes), state, verifier, issuer.AbsoluteUri.TrimEnd('/'), launch is { Length: > 0 } ? launch : null));
    }

    /// <summary>The scopes of a standalone launch: no <c>launch</c> (there is no EHR context), <c>launch/patient</c> to ask for a patient picker.</summary>
    internal static string StandaloneScopes(string scopes) =>
        string.Join(' ', scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "launch").Append("launch/patient").Distinct(StringComparer.Ordinal));

    /// <summary>Whether two FHIR base URLs are the same server base (scheme and host case-insensitive, trailing slash ignored).</summary>
    internal static bool SameBase(string? first, string? second) =>
        Uri.TryCreate(first, UriKind.Absolute, out var a) && Uri.TryCreate(second, UriKind.Absolute, out var b)
        && string.Equals(a.GetLeftPart(UriPartial.Path).TrimEnd('/'), b.GetLeftPart(UriPartial.Path).TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static bool IsSecureOrLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.IsLoopback);

    private static string? Endpoint(JsonElement configuration, string name) =>
        configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
