using ClinicalAgent.Auth.Clients;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Web.SignIn;

/// <summary>
/// Registers the web app with the local authorization server as a public SMART app whose redirect URIs are
/// <c>/app/callback</c> on the addresses the server listens on (a loopback address also as <c>localhost</c>). Done
/// at the first sign-in, when the addresses are known (<c>--urls</c> may name port 0); never from a request's Host.
/// </summary>
internal sealed class WebClientRegistration(LocalClients clients, IServer server, IOptions<WebAppOptions> options)
{
    public const string CallbackPath = "/app/callback";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<string>? _redirectUris;

    /// <summary>The registered redirect URIs, registering them first if this process has not yet.</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_redirectUris is { } known)
            return known;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_redirectUris is null)
            {
                var uris = RedirectUris();
                await clients.EnsurePublicAsync(options.Value.ClientId, uris, $"{options.Value.Scopes} {options.Value.LaunchScopes} launch/patient".Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
                _redirectUris = uris;
            }

            return _redirectUris;
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<string> RedirectUris()
    {
        var uris = new List<string>();
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
                continue;
            uris.Add($"{uri.Scheme}://{uri.Authority}{CallbackPath}");
            if (uri.IsLoopback)
                uris.Add($"{uri.Scheme}://localhost:{uri.Port}{CallbackPath}");
        }

        return uris.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
