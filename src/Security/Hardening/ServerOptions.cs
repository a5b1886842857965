namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// What protects every served endpoint besides authorization (configuration section <c>Server</c>): which
/// <c>Host</c> names are answered, which browser origins may call, and how fast one client may go.
/// </summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>
    /// Host names answered besides the loopback names (<c>127.0.0.1</c>, <c>localhost</c>, <c>[::1]</c>) and the
    /// hosts of the bound <c>--urls</c>; <c>*.example.org</c> matches subdomains, <c>*</c> any host. Required when
    /// binding every address (<c>0.0.0.0</c>): a wildcard bind names no host of its own.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Which browser origins may call (CORS); none by default.</summary>
    public ServerCorsOptions Cors { get; set; } = new();

    /// <summary>Requests per client (token <c>client_id</c>, else remote address).</summary>
    public ServerRateLimitOptions RateLimit { get; set; } = new();
}
