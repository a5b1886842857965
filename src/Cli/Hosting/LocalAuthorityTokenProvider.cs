using ClinicalAgent.Auth;
using ClinicalAgent.Fhir.Remote.Auth;
using ClinicalAgent.Security;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>
/// The CLI's own tokens for a server on this machine (<c>--fhir http://127.0.0.1:8080/fhir</c>): asked of the local
/// authorization server that server hosts, by the command's registered client, as the OS user, for that server's
/// base. A server that hosts none (<c>--insecure-no-auth</c>, another product) gets no token.
/// </summary>
internal sealed class LocalAuthorityTokenProvider(LocalTokenClient client, IHttpClientFactory http, TimeProvider time) : ILocalFhirTokenProvider
{
    /// <summary>What the local operator may do: everything a person may, on every patient, including approvals.</summary>
    public const string Scope = "user/*.cruds " + ClinicalScopes.Workflows + " " + ClinicalScopes.Approve;

    public async Task<LocalFhirToken?> GetTokenAsync(Uri fhirBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fhirBase);
        var origin = new Uri(fhirBase.GetLeftPart(UriPartial.Authority));
        using (var probe = http.CreateClient(LocalTokenClient.HttpClientName))
        using (var discovery = await probe.GetAsync(new Uri(origin, $"{LocalAuthorizationServerOptions.PathBase}/.well-known/openid-configuration"), cancellationToken).ConfigureAwait(false))
        {
            if (!discovery.IsSuccessStatusCode)
                return null;
        }

        var audience = fhirBase.AbsoluteUri.TrimEnd('/');
        var issued = time.GetUtcNow();
        var token = await client.RequestAsync(origin, new LocalTokenRequest(Scope, null, Environment.UserName, audience, null), cancellationToken).ConfigureAwait(false);
        return new LocalFhirToken(token.AccessToken, issued.AddSeconds(token.ExpiresIn > 0 ? token.ExpiresIn : 60));
    }
}
