using ClinicalAgent.Security.Smart;

namespace ClinicalAgent.Auth.Clients;

/// <summary>
/// Which requested scopes a client may have: a scope registered for it as written, or a SMART resource scope that a
/// registered one covers (<c>system/*.rs</c> covers <c>system/Observation.rs</c> and <c>system/Patient.r</c>).
/// </summary>
internal static class ScopePolicy
{
    /// <summary>Registered for the command's own client: it may ask for any scope.</summary>
    public const string AnyScope = "*";

    /// <summary>What a backend client gets without <c>--scope</c>.</summary>
    public static readonly IReadOnlyList<string> ConfidentialDefault = ["system/*.rs"];

    /// <summary>What a SMART app gets without <c>--scope</c>.</summary>
    public static readonly IReadOnlyList<string> PublicDefault = ["openid", "fhirUser", "launch", "launch/patient", "patient/*.rs", "user/*.rs"];

    /// <summary>The requested scopes the client may not have (empty: all granted).</summary>
    public static IReadOnlyList<string> Refused(IEnumerable<string> requested, IReadOnlyCollection<string> allowed) =>
        allowed.Contains(AnyScope) ? [] : requested.Where(scope => !Allows(allowed, scope)).ToList();

    private static bool Allows(IReadOnlyCollection<string> allowed, string scope)
    {
        if (allowed.Contains(scope))
            return true;
        if (SmartScope.TryParse(scope) is not { } wanted)
            return false;
        return allowed.Select(SmartScope.TryParse).Any(granted => granted is not null
            && granted.Context == wanted.Context
            && granted.Covers(wanted.ResourceType)
            && (wanted.Permissions & ~granted.Permissions) == 0
            && (granted.Restriction is null || granted.Restriction == wanted.Restriction));
    }
}
