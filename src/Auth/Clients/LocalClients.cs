using ClinicalAgent.Auth.Storage;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicalAgent.Auth.Clients;

/// <summary>
/// The clients registered with the local authorization server: backend services that authenticate with a signed
/// JWT (SMART Backend Services), and public SMART apps that use the authorization code with PKCE.
/// </summary>
public sealed class LocalClients
{
    private readonly IServiceScopeFactory _scopes;
    private readonly AuthStore _store;

    internal LocalClients(IServiceScopeFactory scopes, AuthStore store)
    {
        _scopes = scopes;
        _store = store;
    }

    /// <summary>Registers a backend client whose assertions are signed with one of the keys in <paramref name="jwksJson"/> (public halves are kept).</summary>
    /// <exception cref="ArgumentException">The id is taken or reserved, or the keys are unreadable.</exception>
    public async Task<LocalClient> AddConfidentialAsync(string clientId, string jwksJson, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        var keys = ClientKeys.PublicSet(jwksJson);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = clientId,
            JsonWebKeySet = keys,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        AddScopes(descriptor, scopes.Count > 0 ? scopes : ScopePolicy.ConfidentialDefault);
        await CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        return new LocalClient(clientId, IsPublic: false, Scopes(descriptor.Permissions), [], keys.Keys.Count);
    }

    /// <summary>Registers a public SMART app: no secret, the authorization code with PKCE (S256), back to <paramref name="redirectUris"/> only.</summary>
    /// <exception cref="ArgumentException">The id is taken or reserved, or a redirect URI is not absolute.</exception>
    public async Task<LocalClient> AddPublicAsync(string clientId, IReadOnlyCollection<string> redirectUris, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        if (redirectUris.Count == 0)
            throw new ArgumentException("A public client needs a redirect URI (--redirect-uri).");
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            DisplayName = clientId,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var text in redirectUris)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
                throw new ArgumentException($"The redirect URI '{text}' is not an absolute URI without a fragment.");
            descriptor.RedirectUris.Add(uri);
        }

        AddScopes(descriptor, scopes.Count > 0 ? scopes : ScopePolicy.PublicDefault);
        await CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        return new LocalClient(clientId, IsPublic: true, Scopes(descriptor.Permissions), redirectUris.ToList(), 0);
    }

    /// <summary>
    /// Registers the public SMART app <paramref name="clientId"/> if it is missing, else adds the redirect URIs it lacks
    /// (a host that hosts its own app, as <c>serve</c> hosts the web app, learns its addresses only once it listens).
    /// Scopes are set on creation only: an operator's later change is kept.
    /// </summary>
    /// <exception cref="ArgumentException">The id is reserved, or a redirect URI is not absolute.</exception>
    public async Task EnsurePublicAsync(string clientId, IReadOnlyCollection<string> redirectUris, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        await _store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                var descriptor = new OpenIddictApplicationDescriptor();
                await applications.PopulateAsync(descriptor, existing, cancellationToken).ConfigureAwait(false);
                var missing = redirectUris.Select(u => new Uri(u, UriKind.Absolute)).Where(u => !descriptor.RedirectUris.Contains(u)).ToList();
                if (missing.Count == 0)
                    return;
                foreach (var uri in missing)
                    descriptor.RedirectUris.Add(uri);
                await applications.UpdateAsync(existing, descriptor, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await AddPublicAsync(clientId, redirectUris, scopes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every registered client, the command's own included, by id.</summary>
    public async Task<IReadOnlyList<LocalClient>> ListAsync(CancellationToken cancellationToken)
    {
        await _store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var scope = _scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var clients = new List<LocalClient>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken).ConfigureAwait(false))
        {
            var permissions = await applications.GetPermissionsAsync(application, cancellationToken).ConfigureAwait(false);
            var redirects = await applications.GetRedirectUrisAsync(application, cancellationToken).ConfigureAwait(false);
            var keys = await applications.GetJsonWebKeySetAsync(application, cancellationToken).ConfigureAwait(false);
            clients.Add(new LocalClient(
                await applications.GetClientIdAsync(application, cancellationToken).ConfigureAwait(false) ?? "",
                await applications.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken).ConfigureAwait(false),
                Scopes(permissions),
                redirects.ToList(),
                keys?.Keys.Count ?? 0));
        }

        return clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Removes a client and what was issued to it; false when there is none by that id.</summary>
    /// <exception cref="ArgumentException">The id is the command's own.</exception>
    public async Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId == LocalAuthority.CliClientId)
            throw new ArgumentException($"'{LocalAuthority.CliClientId}' is the command's own client; it cannot be removed.");
        await _store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var scope = _scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (application is null)
            return false;
        await applications.DeleteAsync(application, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The scopes a client may ask for, as registered.</summary>
    internal static IReadOnlyList<string> Scopes(IEnumerable<string> permissions) =>
        permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();

    private static void AddScopes(OpenIddictApplicationDescriptor descriptor, IEnumerable<string> scopes)
    {
        foreach (var scope in scopes.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
    }

    private async Task CreateAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(descriptor.ClientId) || descriptor.ClientId.Any(char.IsWhiteSpace))
            throw new ArgumentException("A client id must be non-empty and without spaces.");
        if (descriptor.ClientId == LocalAuthority.CliClientId)
            throw new ArgumentException($"'{LocalAuthority.CliClientId}' is the command's own client.");
        await _store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var scope = _scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(descriptor.ClientId, cancellationToken).ConfigureAwait(false) is not null)
            throw new ArgumentException($"A client '{descriptor.ClientId}' is registered already; 'clinicalagent auth client remove {descriptor.ClientId}' first.");
        await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
    }
}
