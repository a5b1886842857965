using System.Net;
using System.Net.Http.Headers;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// Puts a person's bearer token (<see cref="IUserAccessToken"/>) on every request to the FHIR server's own origin.
/// A 401 gets one renewal and one retry where the token can be renewed; a 401 after that is passed on as it is (the
/// gateway turns it into a 401 <see cref="FhirGatewayException"/>) and the token is told it was refused, so the app can
/// ask the person to sign in again instead of retrying with a dead token.
/// </summary>
/// <remarks>Only requests to the server's own origin carry the token: a paging link to another host never gets it.</remarks>
public sealed class UserTokenHandler(IUserAccessToken token, Uri baseUrl) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsServersOrigin(request.RequestUri) || await token.GetAsync(cancellationToken).ConfigureAwait(false) is not { Length: > 0 } value)
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (request.Content is not null)
        {
            // Buffered content can be sent again on the retry.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        if (await token.RenewAsync(value, cancellationToken).ConfigureAwait(false)
            && await token.GetAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } renewed && renewed != value)
        {
            response.Dispose();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
                return response;
        }

        token.Refused();
        return response;
    }

    private bool IsServersOrigin(Uri? url) =>
        url is { IsAbsoluteUri: true }
        && url.Scheme == baseUrl.Scheme
        && string.Equals(url.IdnHost, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == baseUrl.Port;
}
