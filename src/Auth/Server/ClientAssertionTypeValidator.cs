using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ClinicalAgent.Auth.Server;

/// <summary>
/// Accepts client assertions typed the way SMART Backend Services clients type them: <c>JWT</c> or no <c>typ</c>,
/// besides RFC 7523bis's <c>client-authentication+jwt</c>, which OpenIddict alone demands. A JWT typed as anything
/// else (an access token, <c>at+jwt</c>) is still refused, so no other kind of token passes as an assertion. The
/// published token endpoint (<see cref="LocalAuthority.TokenEndpoint"/>) is a valid <c>aud</c> too.
/// </summary>
internal sealed class ClientAssertionTypeValidator(LocalAuthority authority) : IOpenIddictServerHandler<ValidateTokenContext>
{
    private static readonly HashSet<string> Permitted = new(StringComparer.OrdinalIgnoreCase)
    {
        JsonWebTokenTypes.ClientAuthentication,
        JsonWebTokenTypes.Prefixes.Application + JsonWebTokenTypes.ClientAuthentication,
        "JWT",
        "application/JWT",
    };

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientAssertionTypeValidator>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ValidTokenTypes is not { Count: 1 } types || !types.Contains(TokenTypeIdentifiers.Private.ClientAssertion) || context.TokenValidationParameters is null)
            return default;
        // The token endpoint as the issuer publishes it is a valid audience wherever the server listens
        // (auth token's in-process server has another port than the published one).
        if (context.ValidAudiences.Count > 0)
        {
            context.ValidAudiences.Add(authority.TokenEndpoint.AbsoluteUri);
            context.ValidAudiences.Add(authority.Issuer.AbsoluteUri);
        }

        context.TokenValidationParameters.TypeValidator = static (type, _, _) =>
            // Named as the standard type, which is how OpenIddict recognises the token as an assertion.
            string.IsNullOrEmpty(type) || Permitted.Contains(type)
                ? JsonWebTokenTypes.ClientAuthentication
                : throw new SecurityTokenInvalidTypeException($"A client assertion may not be typed '{type}'.") { InvalidType = type };
        return default;
    }
}
