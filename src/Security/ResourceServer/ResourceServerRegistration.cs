namespace ClinicalAgent.Security.ResourceServer;

/// <summary>
/// Marks that a host registered the resource server, and whether authorization is on. <c>IOptions</c> resolves for
/// any type, registered or not, so the options alone cannot tell a host that asked for authorization from one that
/// never did (a test server, a tool's in-process facade).
/// </summary>
internal sealed record ResourceServerRegistration(bool Enabled);
