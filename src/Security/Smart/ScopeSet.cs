namespace ClinicalAgent.Security.Smart;

/// <summary>The scopes of one access token, parsed once.</summary>
public sealed class ScopeSet
{
    private readonly HashSet<string> _all;

    public ScopeSet(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _all = new HashSet<string>(scopes.Where(s => s.Length > 0), StringComparer.Ordinal);
        Resources = [.. _all.Select(SmartScope.TryParse).OfType<SmartScope>()];
    }

    /// <summary>A space-separated <c>scope</c> value, as tokens and token requests carry it.</summary>
    public static ScopeSet Parse(string? scope) =>
        new((scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Every scope as granted, resource scopes or not.</summary>
    public IReadOnlyCollection<string> All => _all;

    /// <summary>The resource scopes among them.</summary>
    public IReadOnlyList<SmartScope> Resources { get; }

    /// <summary>True when the exact scope was granted (<c>openid</c>, <c>clinicalagent/approve</c>).</summary>
    public bool Has(string scope) => _all.Contains(scope);

    /// <summary>
    /// Whether <paramref name="permission"/> on <paramref name="resourceType"/> is granted, and how far. A scope with a
    /// query restriction (<c>?category=laboratory</c>) grants nothing here: the server does not enforce restrictions,
    /// and granting the unrestricted access instead would give more than the token says.
    /// </summary>
    public ScopeDecision Decide(string resourceType, SmartPermissions permission)
    {
        var best = ScopeDecision.Denied;
        foreach (var scope in Resources)
        {
            if (!scope.Covers(resourceType) || !scope.Permissions.HasFlag(permission))
                continue;
            if (scope.Restriction is not null)
                continue;
            if (scope.Context != SmartContext.Patient)
                return ScopeDecision.Allowed;
            best = ScopeDecision.PatientCompartmentOnly;
        }

        return best;
    }

    public override string ToString() => string.Join(' ', _all.Order(StringComparer.Ordinal));
}
