using System.Security.Claims;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Mcp.Hosting;
using ClinicalAgent.Security;

namespace ClinicalAgent.Mcp.Access;

/// <summary>
/// Who one MCP request acts for: over stdio the OS user who started the server (every record, as the CLI), over HTTP
/// the validated bearer token's person or client with its scopes (or nobody in particular when authorization is off).
/// </summary>
/// <param name="Permissions">What the request may reach.</param>
/// <param name="Actor">Whom its audit rows name.</param>
/// <param name="ClientId">The OAuth client it came through, if any.</param>
internal sealed record McpCaller(FhirCaller Permissions, AuditActor Actor, string? ClientId)
{
    /// <summary>The caller of a request on <paramref name="transport"/>, from the user the transport authenticated.</summary>
    public static McpCaller Of(McpTransport transport, ClaimsPrincipal? user, bool authorizationEnabled)
    {
        if (transport == McpTransport.Stdio)
            return new McpCaller(FhirCaller.Unrestricted, AuditActor.LocalUser(), null);
        if (!authorizationEnabled)
            return new McpCaller(FhirCaller.Unrestricted, new AuditActor(null, null, "anonymous", IsPerson: false), null);

        var caller = FhirCaller.FromPrincipal(user ?? new ClaimsPrincipal());
        var actor = caller.PersonReference is { } person
            ? AuditActor.Person(person)
            : new AuditActor(null, AuditCodes.SubjectIdentifierSystem, caller.Subject ?? caller.ClientId, IsPerson: false);
        return new McpCaller(caller, actor, caller.ClientId);
    }
}
