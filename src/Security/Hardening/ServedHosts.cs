namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// The <c>Host</c> names a server answers: the loopback names, the hosts of the addresses it binds, and
/// <see cref="ServerOptions.AllowedHosts"/>. Any other name is refused, so a page on a rebinding domain
/// (<c>attacker.example</c> resolving to 127.0.0.1) gets nothing, and no link ever carries a forged host.
/// </summary>
/// <param name="Hosts">The names for host filtering (no ports).</param>
/// <param name="WildcardWithoutSetting">A bound address is every address (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>)
/// and <see cref="ServerOptions.AllowedHosts"/> is empty: only loopback names are answered until it is set.</param>
internal sealed record ServedHosts(IReadOnlyList<string> Hosts, bool WildcardWithoutSetting)
{
    /// <summary>Loopback names are always safe to answer: a rebinding page's requests carry its own domain, never these.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>The names for <paramref name="configured"/> (entries may also be separated by ';' or ',') and the
    /// bound <paramref name="urls"/> (the <c>urls</c> setting: ';'-separated).</summary>
    public static ServedHosts For(IEnumerable<string> configured, string? urls)
    {
        var hosts = new List<string>(Loopback);
        var extra = configured
            .SelectMany(entry => entry.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var wildcard = false;
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = HostOf(url);
            if (host is null)
                continue;
            if (host is "*" or "+" or "0.0.0.0" or "[::]")
                wildcard = true;
            else
                hosts.Add(host);
        }

        hosts.AddRange(extra);
        return new ServedHosts(hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), wildcard && extra.Count == 0);
    }

    /// <summary>The host of a binding URL (<c>http://[::1]:8080</c> → <c>[::1]</c>), or null when it has none.</summary>
    public static string? HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var authority = start < 0 ? url : url[(start + 3)..];
        var slash = authority.IndexOf('/');
        if (slash >= 0)
            authority = authority[..slash];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            return close < 0 ? null : authority[..(close + 1)].ToLowerInvariant();
        }

        var colon = authority.LastIndexOf(':');
        var host = colon < 0 ? authority : authority[..colon];
        return host.Length == 0 ? null : host.ToLowerInvariant();
    }
}
