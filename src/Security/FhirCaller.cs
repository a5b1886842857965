using System.Security.Claims;
using ClinicalAgent.Security.Smart;

namespace ClinicalAgent.Security;

/// <summary>
/// Who a request acts for, read from its validated access token: the subject, the client, the SMART context
/// (<c>patient</c>, <c>fhirUser</c>) and the granted scopes. With authorization off every request is
/// <see cref="Unrestricted"/>.
/// </summary>
public sealed record FhirCaller(
    string? Subject,
    string? ClientId,
    string? FhirUser,
    string? Patient,
    string? Name,
    ScopeSet Scopes,
    bool AuthorizationEnabled)
{
    /// <summary>The caller when authorization is off: every interaction allowed, no identity.</summary>
    public static FhirCaller Unrestricted { get; } = new(null, null, null, null, null, ScopeSet.Parse(null), false);

    /// <summary>A person (a <c>fhirUser</c>) or at least a subject other than the client itself, as user tokens have.</summary>
    public bool IsUser => FhirUser is not null || (Subject is not null && Subject != ClientId);

    /// <summary>The person to record as approver or author: <c>fhirUser</c> (<c>Practitioner/123</c>) else the subject.</summary>
    public string? PersonReference => FhirUser ?? (IsUser ? Subject : null);

    /// <summary>What the scopes allow; everything when authorization is off.</summary>
    public ScopeDecision Decide(string resourceType, SmartPermissions permission) =>
        AuthorizationEnabled ? Scopes.Decide(resourceType, permission) : ScopeDecision.Allowed;

    /// <summary>True when the exact scope was granted, or authorization is off.</summary>
    public bool Has(string scope) => !AuthorizationEnabled || Scopes.Has(scope);

    /// <summary>Reads a validated token's claims. <c>scope</c> may come as one space-separated claim or one claim per scope.</summary>
    public static FhirCaller FromPrincipal(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var scopes = principal.FindAll(SmartClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        string? Claim(string type) => principal.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
        return new FhirCaller(
            Claim(SmartClaims.Subject),
            Claim(SmartClaims.ClientId) ?? Claim(SmartClaims.AuthorizedParty),
            Claim(SmartClaims.FhirUser),
            Claim(SmartClaims.Patient),
            Claim(SmartClaims.Name),
            new ScopeSet(scopes),
            AuthorizationEnabled: true);
    }
}
