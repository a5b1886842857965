using System.Net.Http.Json;
using ClinicalAgent.Auth;
using ClinicalAgent.Web.Logging;
using ClinicalAgent.Web.Pages;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ClinicalAgent.Web.SignIn;

/// <summary>
/// Sign-in as a SMART app of the local authorization server: <c>/app/login</c> sends the browser to its authorize
/// endpoint (authorization code, PKCE S256, a one-time <c>state</c>); <c>/app/callback</c> spends the state,
/// redeems the code on the back channel and starts the server-side session; <c>/app/logout</c> ends it.
/// </summary>
internal static class SignInEndpoints
{
    public const string HttpClientName = "ClinicalAgent.Web";

    public static void Map(RouteGroupBuilder app)
    {
        app.MapGet("/login", LoginAsync);
        app.MapGet("/callback", CallbackAsync);
        app.MapPost("/logout", (HttpContext context) =>
        {
            context.RequestServices.GetRequiredService<WebSessions>().End(WebSessionCookie.Read(context));
            WebSessionCookie.Delete(context);
            return Results.Redirect("/app/");
        });
    }

    private static async Task<IResult> LoginAsync(HttpContext context, string? @return, CancellationToken cancellationToken)
    {
        if (!SessionGate.SignInRequired(context))
            return Results.Redirect(SafeReturn(@return));
        var registration = context.RequestServices.GetRequiredService<WebClientRegistration>();
        var redirectUri = $"{context.Request.Scheme}://{context.Request.Host}{WebClientRegistration.CallbackPath}";
        var registered = await registration.EnsureAsync(cancellationToken);
        if (!registered.Contains(redirectUri, StringComparer.OrdinalIgnoreCase))
        {
            return ErrorPage.Result(StatusCodes.Status400BadRequest, "Open the app at the server's address",
                $"This server signs people in for the addresses it listens on ({string.Join(", ", registered.Select(u => u[..^WebClientRegistration.CallbackPath.Length]))}); open the app there.");
        }

        // The local authorization server is mapped on this same host (serve maps it at /auth), whatever its configured issuer says.
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        var authorize = $"{origin}{LocalAuthorizationServerOptions.PathBase}/connect/authorize";
        var token = $"{origin}{LocalAuthorizationServerOptions.PathBase}/connect/token";
        var options = context.RequestServices.GetRequiredService<IOptions<WebAppOptions>>().Value;
        var verifier = Pkce.NewVerifier();
        var state = context.RequestServices.GetRequiredService<WebSessions>().BeginSignIn(expires =>
            new PendingSignIn(verifier, redirectUri, SafeReturn(@return), expires, token, Issuer: null));
        return Results.Redirect(AuthorizeUrl(authorize, options.ClientId, redirectUri, options.Scopes, state, verifier, $"{origin}/fhir", launch: null));
    }

    /// <summary>The authorization request of SMART App Launch: code, PKCE S256, state, <c>aud</c> and, for an EHR launch, <c>launch</c>.</summary>
    public static string AuthorizeUrl(string endpoint, string clientId, string redirectUri, string scopes, string state, string verifier, string audience, string? launch)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scopes,
            ["state"] = state,
            ["aud"] = audience,
            ["code_challenge"] = Pkce.Challenge(verifier),
            ["code_challenge_method"] = "S256",
            ["launch"] = launch,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(endpoint, query.Where(p => p.Value is not null)!);
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, string? code, string? state, string? error,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "error_description")] string? errorDescription, CancellationToken cancellationToken)
    {
        var sessions = context.RequestServices.GetRequiredService<WebSessions>();
        var logger = context.RequestServices.GetRequiredService<ILogger<WebSessions>>();
        var pending = sessions.CompleteSignIn(state);
        if (pending is null)
        {
            WebLog.SignInRefused(logger, "unknown or expired state");
            return ErrorPage.Result(StatusCodes.Status400BadRequest, "Sign-in not valid",
                "This sign-in is unknown, was used already, or took too long. Start again from the app's sign-in.");
        }

        if (error is not null || string.IsNullOrEmpty(code))
        {
            WebLog.SignInRefused(logger, error ?? "no code");
            return ErrorPage.Result(StatusCodes.Status403Forbidden, "Sign-in refused",
                $"The authorization server refused the sign-in: {Shorten(errorDescription ?? error ?? "it sent no authorization code")}.");
        }

        if (pending.RemoteClient is not null)
            return await RemoteCallback.CompleteAsync(context, pending, code, cancellationToken);

        var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var options = context.RequestServices.GetRequiredService<IOptions<WebAppOptions>>().Value;
        using var response = await client.PostAsync(pending.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = pending.RedirectUri,
            ["client_id"] = options.ClientId,
            ["code_verifier"] = pending.Verifier,
        }), cancellationToken);
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (!response.IsSuccessStatusCode || tokens?.AccessToken is not { Length: > 0 } accessToken)
        {
            WebLog.SignInRefused(logger, tokens?.Error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return ErrorPage.Result(StatusCodes.Status403Forbidden, "Sign-in refused",
                $"The authorization server did not issue a token: {Shorten(tokens?.ErrorDescription ?? tokens?.Error ?? response.ReasonPhrase ?? "no reason given")}.");
        }

        // The tokens came straight from the token endpoint on the back channel, so their claims are read, not re-verified
        // (OpenID Connect Core 3.1.3.7); the resource server verifies the access token wherever it is presented.
        var person = Person(tokens.IdToken ?? accessToken);
        if (person is null)
        {
            return ErrorPage.Result(StatusCodes.Status403Forbidden, "Sign-in refused", "The token names no person (no fhirUser or subject), so nobody could be recorded as approver.");
        }

        var session = sessions.Start(person, accessToken);
        WebSessionCookie.Write(context, session);
        WebLog.SignedIn(logger, session.Person.Recorded);
        var target = tokens.Patient is { Length: > 0 } patient ? $"/app/patients/{Uri.EscapeDataString(patient)}" : pending.ReturnPath;
        return Results.Redirect(target);
    }

    /// <summary>The person a token names (its <c>fhirUser</c>, else <c>sub</c>); null when it names none or is not a JWT.</summary>
    internal static WebPerson? Person(string jwt)
    {
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(jwt);
        }
        catch (Exception ex) when (ex is ArgumentException or Microsoft.IdentityModel.Tokens.SecurityTokenMalformedException)
        {
            // An opaque token: it names nobody the app can read.
            return null;
        }

        string? Claim(string type) => token.TryGetPayloadValue<string>(type, out var value) && value.Length > 0 ? value : null;
        var recorded = Claim("fhirUser") ?? Claim("sub");
        return recorded is null ? null : new WebPerson(recorded, Claim("name") ?? recorded);
    }

    /// <summary>A local path to return to (never another site): <c>/app/…</c>, else the app's start page.</summary>
    internal static string SafeReturn(string? path) =>
        path is { Length: > 0 } p && p.StartsWith("/app/", StringComparison.Ordinal) && !p.StartsWith("//", StringComparison.Ordinal) && !p.Contains('\\') ? p : "/app/";

    internal static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
