using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// Puts the bearer token on every request to the FHIR server (FhirClient's and the raw ones alike). A 401 gets one
/// fresh token and one retry, since a server may revoke a token before its expiry; a second 401 is a clear error.
/// </summary>
/// <remarks>Only requests to the server's own origin carry the token: a paging link to another host never gets it.</remarks>
internal sealed class FhirAuthorizationHandler(IAccessTokenSource tokens, Uri baseUrl, ILogger<FhirAuthorizationHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsServersOrigin(request.RequestUri))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (request.Content is not null)
        {
            // Buffered content can be sent again on the retry.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var token = await tokens.GetAsync(cancellationToken);
        if (token.Value.Length == 0)
        {
            // A server on this machine without a local authorization server: nothing to send, nothing to renew.
            return await base.SendAsync(request, cancellationToken);
        }

        var response = await SendWithAsync(request, token, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        if (!tokens.CanRenew)
        {
            throw FhirAuthErrors.Refused(baseUrl, tokens);
        }

        FhirAuthLog.TokenRefused(logger, baseUrl);
        tokens.Invalidate(token);
        token = await tokens.GetAsync(cancellationToken);
        response = await SendWithAsync(request, token, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        throw FhirAuthErrors.Refused(baseUrl, tokens);
    }

    private bool IsServersOrigin(Uri? url) =>
        url is { IsAbsoluteUri: true }
        && url.Scheme == baseUrl.Scheme
        && string.Equals(url.IdnHost, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == baseUrl.Port;

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, AccessToken token, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return base.SendAsync(request, cancellationToken);
    }
}
