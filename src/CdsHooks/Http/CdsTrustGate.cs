using ClinicalAgent.CdsHooks.Trust;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.CdsHooks.Http;

/// <summary>
/// Who may call a service: with authorization on, an EHR whose JWT <see cref="CdsTokenValidator"/> accepts for the
/// service's own URL (<see cref="CdsHooksOptions.PublicBaseUrl"/> or the address the request came to); with
/// <c>--insecure-no-auth</c>, anyone.
/// </summary>
internal sealed class CdsTrustGate(CdsHooksOptions options, CdsTokenValidator validator, IServiceProvider services)
{
    private readonly bool _enabled = SmartResourceServerExtensions.IsEnabled(services);

    public bool Enabled => _enabled;

    /// <summary>The caller; throws <see cref="CdsTrustException"/> when the token is missing or refused.</summary>
    public async Task<CdsCaller> CheckAsync(HttpRequest request, string serviceId, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return CdsCaller.Anonymous;
        }

        var root = options.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return await validator.ValidateAsync(request.Headers.Authorization.FirstOrDefault(), $"{root}/cds-services/{serviceId}", cancellationToken).ConfigureAwait(false);
    }
}
