using ClinicalAgent.Auth.Endpoints;
using ClinicalAgent.Auth.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Auth;

/// <summary>Maps the local authorization server under <c>/auth</c> of a host.</summary>
public static class LocalAuthorizationServerApplicationBuilderExtensions
{
    /// <summary>
    /// Serves <c>/auth/.well-known/openid-configuration</c>, <c>/auth/.well-known/jwks</c>, <c>/auth/connect/token</c>,
    /// <c>/auth/connect/authorize</c> and <c>/auth/signin</c> from a branch of the pipeline. Call it before any
    /// authorization middleware that would demand a token of these requests.
    /// </summary>
    public static IApplicationBuilder MapLocalAuthorizationServer(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Map(LocalAuthorizationServerOptions.PathBase, branch =>
        {
            branch.Use(async (context, next) =>
            {
                await context.RequestServices.GetRequiredService<AuthStore>().EnsureCreatedAsync(context.RequestAborted).ConfigureAwait(false);
                await next(context).ConfigureAwait(false);
            });
            // OpenIddict answers its own endpoints, and validates the passthrough ones, from the authentication middleware.
            branch.UseAuthentication();
            branch.Run(AuthEndpoints.HandleAsync);
        });
        return app;
    }
}
