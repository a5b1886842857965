using System.Text.Json.Nodes;

namespace ClinicalAgent.Security.ResourceServer;

/// <summary>
/// The <c>/.well-known/smart-configuration</c> document (SMART App Launch 2.2) for a server whose tokens come from
/// <see cref="ResourceServerOptions.Issuer"/>: where to authorize and get tokens, and what this resource server enforces.
/// </summary>
public static class SmartConfiguration
{
    /// <summary>The scopes this server understands: SMART v2 resource scopes in every context, identity, launch, and ours.</summary>
    public static IReadOnlyList<string> ScopesSupported { get; } =
    [
        "openid", "fhirUser", "launch", "launch/patient", "offline_access",
        "patient/*.cruds", "user/*.cruds", "system/*.cruds", "patient/*.rs", "user/*.rs", "system/*.rs",
        ClinicalScopes.Workflows, ClinicalScopes.Approve,
    ];

    /// <param name="options">The resource server's settings.</param>
    /// <param name="origin">The request's <c>scheme://host[:port]</c>, for endpoints configured as paths.</param>
    public static JsonObject Build(ResourceServerOptions options, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issuer = (options.Issuer ?? "").TrimEnd('/');
        string Resolve(string? configured, string fallback) =>
            configured is { Length: > 0 } value && value.StartsWith('/') && origin is not null ? origin.TrimEnd('/') + value : configured ?? fallback;
        return new JsonObject
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = Resolve(options.JwksUri, $"{issuer}/.well-known/jwks"),
            ["authorization_endpoint"] = Resolve(options.AuthorizationEndpoint, $"{issuer}/connect/authorize"),
            ["token_endpoint"] = Resolve(options.TokenEndpoint, $"{issuer}/connect/token"),
            ["grant_types_supported"] = Array("authorization_code", "client_credentials"),
            ["token_endpoint_auth_methods_supported"] = Array("private_key_jwt", "none"),
            ["token_endpoint_auth_signing_alg_values_supported"] = Array("RS384", "ES384"),
            ["response_types_supported"] = Array("code"),
            ["code_challenge_methods_supported"] = Array("S256"),
            ["scopes_supported"] = Array([.. ScopesSupported]),
            ["capabilities"] = Array(
                "launch-standalone", "launch-ehr", "client-public", "client-confidential-asymmetric",
                "context-standalone-patient", "context-ehr-patient", "sso-openid-connect",
                "permission-v2", "permission-v1", "permission-patient", "permission-user"),
        };
    }

    private static JsonArray Array(params string[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
