using System.Net.Http.Json;
using System.Text.Json;
using ClinicalAgent.Web.Logging;
using ClinicalAgent.Web.Pages;
using ClinicalAgent.Web.Remote;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Web.SignIn;

/// <summary>
/// The end of a launch from another EHR: redeems the code at that EHR's token endpoint (PKCE verifier, the app's client
/// id there, its secret where one is configured), keeps the tokens and the launch context in a new server-side session
/// whose records are that EHR's, and opens the patient in context, or the patient picker when the token names none.
/// </summary>
internal static class RemoteCallback
{
    public static async Task<IResult> CompleteAsync(HttpContext context, PendingSignIn pending, string code, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILogger<WebSessions>>();
        var signIn = new RemoteSignIn(new Uri(pending.Issuer!), pending.TokenEndpoint, pending.RemoteClient!);
        using var request = RemoteSessionToken.TokenRequest(signIn, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = pending.RedirectUri,
            ["code_verifier"] = pending.Verifier,
        });

        TokenResponse? tokens;
        System.Net.HttpStatusCode status;
        try
        {
            using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(SignInEndpoints.HttpClientName).SendAsync(request, cancellationToken);
            status = response.StatusCode;
            tokens = await ReadAsync(response, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            WebLog.SignInRefused(logger, "token endpoint unreachable");
            return ErrorPage.Result(StatusCodes.Status502BadGateway, "Sign-in not possible", $"The EHR's token endpoint ({new Uri(pending.TokenEndpoint).Authority}) could not be reached. Try the launch again.");
        }

        if ((int)status is < 200 or > 299 || tokens?.AccessToken is not { Length: > 0 } accessToken)
        {
            WebLog.SignInRefused(logger, tokens?.Error ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return ErrorPage.Result(StatusCodes.Status403Forbidden, "Sign-in refused",
                $"The EHR did not issue a token: {SignInEndpoints.Shorten(tokens?.ErrorDescription ?? tokens?.Error ?? $"it answered {(int)status}")}.");
        }

        // Read, not re-verified: the tokens came from the token endpoint on the back channel (OpenID Connect Core 3.1.3.7).
        var person = tokens.FhirUser is { Length: > 0 } fhirUser
            ? SignInEndpoints.Person(tokens.IdToken ?? accessToken) is { } named ? named with { Recorded = fhirUser } : new WebPerson(fhirUser, fhirUser)
            : SignInEndpoints.Person(tokens.IdToken ?? accessToken);
        if (person is null)
            return ErrorPage.Result(StatusCodes.Status403Forbidden, "Sign-in refused", "The EHR's token names no person (no fhirUser or subject), so nobody could be recorded as approver.");

        var remote = services.GetRequiredService<RemoteRecordsFactory>().Create(signIn, tokens, new TokenContext(tokens.Patient, tokens.Encounter, person.Recorded, tokens.Scope));
        var session = services.GetRequiredService<WebSessions>().Start(person with { Display = $"{person.Display} at {signIn.FhirBase.Authority}" }, accessToken: null, remote);
        WebSessionCookie.Write(context, session);
        WebLog.SignedInRemote(logger, session.Person.Recorded, signIn.FhirBase.Authority);
        // No patient in context (a standalone launch without a picker at the EHR): the app's own search is the picker.
        return Results.Redirect(tokens.Patient is { Length: > 0 } patient ? $"/app/patients/{Uri.EscapeDataString(patient)}" : "/app/?picker=1");
    }

    private static async Task<TokenResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
