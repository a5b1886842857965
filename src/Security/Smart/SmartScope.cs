namespace ClinicalAgent.Security.Smart;

/// <summary>
/// One SMART resource scope, <c>patient/Observation.rs</c>: the context, a resource type or <c>*</c>, and the
/// permissions. v1 spellings are read as their v2 equivalents (<c>.read</c> = <c>rs</c>, <c>.write</c> = <c>cud</c>,
/// <c>.*</c> = <c>cruds</c>). A query restriction (<c>?category=laboratory</c>) is kept as written.
/// </summary>
public sealed record SmartScope(SmartContext Context, string ResourceType, SmartPermissions Permissions, string? Restriction = null)
{
    /// <summary>True when this scope names <paramref name="resourceType"/> or every type.</summary>
    public bool Covers(string resourceType) => ResourceType == "*" || string.Equals(ResourceType, resourceType, StringComparison.Ordinal);

    /// <summary>Parses one scope; null for anything that is not a resource scope (<c>openid</c>, <c>launch</c>, custom scopes, typos).</summary>
    public static SmartScope? TryParse(string scope)
    {
        if (string.IsNullOrEmpty(scope))
            return null;
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.IndexOf('.', slash + 1);
        if (slash <= 0 || dot < 0)
            return null;
        SmartContext? context = scope[..slash] switch
        {
            "patient" => SmartContext.Patient,
            "user" => SmartContext.User,
            "system" => SmartContext.System,
            _ => null,
        };
        var type = scope[(slash + 1)..dot];
        if (context is null || !IsResourceType(type))
            return null;

        var rest = scope[(dot + 1)..];
        string? restriction = null;
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            restriction = rest[(question + 1)..];
            rest = rest[..question];
        }

        var permissions = ParsePermissions(rest);
        return permissions == SmartPermissions.None ? null : new SmartScope(context.Value, type, permissions, restriction);
    }

    public override string ToString() =>
        $"{Context.ToString().ToLowerInvariant()}/{ResourceType}.{Letters(Permissions)}{(Restriction is null ? "" : "?" + Restriction)}";

    private static SmartPermissions ParsePermissions(string text)
    {
        switch (text)
        {
            case "read": return SmartPermissions.Read | SmartPermissions.Search;
            case "write": return SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete;
            case "*": return SmartPermissions.All;
        }

        // v2 letters must come in the order c r u d s, each at most once.
        var permissions = SmartPermissions.None;
        var last = -1;
        foreach (var letter in text)
        {
            var index = "cruds".IndexOf(letter, StringComparison.Ordinal);
            if (index <= last)
                return SmartPermissions.None;
            last = index;
            permissions |= (SmartPermissions)(1 << index);
        }

        return permissions;
    }

    private static string Letters(SmartPermissions permissions) =>
        string.Concat("cruds".Where((_, index) => permissions.HasFlag((SmartPermissions)(1 << index))));

    private static bool IsResourceType(string type) =>
        type == "*" || (type.Length > 0 && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter));
}
