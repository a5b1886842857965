using ClinicalAgent.Auth.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ClinicalAgent.Auth.Server;

/// <summary>
/// What SMART Backend Services asks of a client assertion beyond what OpenIddict checks (signature, <c>iss</c> =
/// <c>sub</c>, <c>aud</c>, <c>exp</c>): a <c>jti</c>, never seen before from that client, and an <c>exp</c> at most
/// five minutes away. Used identifiers are kept in the database until they expire, so a replay is refused across
/// restarts and processes too.
/// </summary>
internal sealed class ClientAssertionGuard(AuthDbContext database, IOptions<LocalAuthorizationServerOptions> options, TimeProvider time)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
            .UseScopedHandler<ClientAssertionGuard>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertionIssuer.Descriptor.Order + 2_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var assertion = context.ClientAssertionPrincipal!;
        var clientId = assertion.GetClaim(Claims.Issuer) ?? "";
        var jti = assertion.GetClaim(Claims.JwtId);
        if (string.IsNullOrEmpty(jti))
        {
            context.Reject(Errors.InvalidClient, "The client assertion has no jti.");
            return;
        }

        var now = time.GetUtcNow();
        var expires = assertion.GetExpirationDate();
        if (expires is null || expires.Value - now > options.Value.MaxAssertionLifetime + TimeSpan.FromSeconds(30))
        {
            context.Reject(Errors.InvalidClient, "The client assertion must expire within five minutes.");
            return;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        await database.UsedAssertions.Where(a => a.ExpiresAt < nowSeconds).ExecuteDeleteAsync(context.CancellationToken).ConfigureAwait(false);
        if (await database.UsedAssertions.AnyAsync(a => a.ClientId == clientId && a.JwtId == jti, context.CancellationToken).ConfigureAwait(false))
        {
            context.Reject(Errors.InvalidClient, "The client assertion was used before (its jti is spent).");
            return;
        }

        database.UsedAssertions.Add(new UsedAssertion { ClientId = clientId, JwtId = jti, ExpiresAt = expires.Value.ToUnixTimeSeconds() });
        try
        {
            await database.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The same assertion, presented twice at once: the other request recorded it first.
            context.Reject(Errors.InvalidClient, "The client assertion was used before (its jti is spent).");
        }
    }
}
