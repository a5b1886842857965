using ClinicalAgent.Auth.Clients;
using ClinicalAgent.Fhir.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicalAgent.Auth.Storage;

/// <summary>
/// Makes the database on first use: the file owner-only, its tables, and the command's own client
/// (<see cref="LocalAuthority.CliClientId"/>) registered with the public half of its key.
/// </summary>
internal sealed class AuthStore(IServiceScopeFactory scopes, LocalAuthority authority)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _ready;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_ready)
            return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
                return;
            OwnerOnlyFiles.CreateFile(authority.DatabasePath);
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            await database.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await RegisterCliAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), cancellationToken).ConfigureAwait(false);
            // Every token is an entry (codes must be redeemable once); those expired a day ago are of no more use.
            var threshold = DateTimeOffset.UtcNow.AddDays(-1);
            await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken).ConfigureAwait(false);
            await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RegisterCliAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(LocalAuthority.CliClientId, cancellationToken).ConfigureAwait(false);
        var keys = new JsonWebKeySet();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(authority.CliPublicKey);
        jwk.Alg = SecurityAlgorithms.RsaSha384;
        keys.Keys.Add(jwk);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = LocalAuthority.CliClientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = "The clinicalagent command",
            JsonWebKeySet = keys,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ScopePolicy.AnyScope },
        };
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The key file may have been replaced since: the registration follows it.
            await applications.UpdateAsync(existing, descriptor, cancellationToken).ConfigureAwait(false);
        }
    }
}
