using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>
/// What a SMART authorization server checks of a Backend Services token request: the grant, the assertion's
/// signature against the client's registered public keys, <c>iss</c>, <c>sub</c>, <c>aud</c>, <c>exp</c> (at most
/// five minutes ahead) and a <c>jti</c> never seen before.
/// </summary>
internal sealed class AssertionValidator(TimeProvider clock, Func<string> audience)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, AsymmetricAlgorithm>> _clients = new();
    private readonly ConcurrentDictionary<string, byte> _revokedKeys = new();
    private readonly ConcurrentDictionary<string, byte> _seenJti = new();

    /// <summary>The header and claims of the last assertion that parsed.</summary>
    public (JsonElement Header, JsonElement Claims)? LastAssertion { get; private set; }

    public void Register(string clientId, string kid, AsymmetricAlgorithm key)
    {
        // Only the public half, as an EHR holds it.
        AsymmetricAlgorithm publicKey = key is RSA rsa
            ? RSA.Create(rsa.ExportParameters(false))
            : ECDsa.Create(((ECDsa)key).ExportParameters(false));
        _clients.GetOrAdd(clientId, _ => new())[kid] = publicKey;
    }

    public void Revoke(string kid) => _revokedKeys[kid] = 0;

    /// <summary>The client id when the request is good, else the OAuth error and its description.</summary>
    public (string? ClientId, string? Error, string? Description) Validate(IFormCollection form)
    {
        if (form["grant_type"] != "client_credentials")
        {
            return Fail("unsupported_grant_type", "grant_type must be client_credentials");
        }

        if (form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        {
            return Fail("invalid_request", "client_assertion_type must be jwt-bearer");
        }

        if (string.IsNullOrEmpty(form["scope"]))
        {
            return Fail("invalid_scope", "scope is required");
        }

        var parts = form["client_assertion"].ToString().Split('.');
        if (parts.Length != 3)
        {
            return Fail("invalid_client", "client_assertion is not a compact JWS");
        }

        var header = ParseJson(parts[0]);
        var claims = ParseJson(parts[1]);
        LastAssertion = (header, claims);
        var iss = Text(claims, "iss");
        var kid = Text(header, "kid");
        if (Text(header, "typ") != "JWT")
        {
            return Fail("invalid_client", "typ must be JWT");
        }

        if (iss is null || !_clients.TryGetValue(iss, out var keys))
        {
            return Fail("invalid_client", $"unknown client '{iss}'");
        }

        if (kid is null || !keys.TryGetValue(kid, out var key) || _revokedKeys.ContainsKey(kid))
        {
            return Fail("invalid_client", $"key '{kid}' is not registered for this client or was revoked");
        }

        if (!Verify(key, Text(header, "alg"), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2])))
        {
            return Fail("invalid_client", "the assertion's signature does not verify");
        }

        if (Text(claims, "sub") != iss)
        {
            return Fail("invalid_client", "sub must equal iss");
        }

        if (Text(claims, "aud") != audience())
        {
            return Fail("invalid_client", $"aud must be {audience()}");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var exp = claims.TryGetProperty("exp", out var e) && e.TryGetInt64(out var seconds) ? seconds : 0;
        if (exp <= now)
        {
            return Fail("invalid_client", "the assertion has expired");
        }

        if (exp > now + 300)
        {
            return Fail("invalid_client", "exp is more than five minutes ahead");
        }

        if (Text(claims, "jti") is not { Length: > 0 } jti || !_seenJti.TryAdd(jti, 0))
        {
            return Fail("invalid_client", "jti is missing or was used before");
        }

        return (iss, null, null);
    }

    private static bool Verify(AsymmetricAlgorithm key, string? alg, byte[] input, byte[] signature) => (key, alg) switch
    {
        (RSA rsa, "RS384") => rsa.VerifyData(input, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
        (ECDsa ecdsa, "ES384") => ecdsa.VerifyData(input, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        _ => false,
    };

    private static JsonElement ParseJson(string part)
    {
        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(part)).RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static (string?, string?, string?) Fail(string error, string description) => (null, error, description);
}
