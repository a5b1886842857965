using ClinicalAgent.Fhir.Audit;

namespace ClinicalAgent.Fhir.Rest.Audit;

/// <summary>A FHIR REST interaction as audited: its <c>restful-interaction</c> code and its action.</summary>
/// <param name="Code">read, vread, search-type, search-compartment, history-*, create, update, delete, patch, transaction.</param>
/// <param name="Action">C R U D E.</param>
/// <param name="IsSearch">True for interactions that take search parameters (searches, type and system history).</param>
internal sealed record FhirInteraction(string Code, AuditAction Action, bool IsSearch = false)
{
    /// <summary>
    /// The interaction an endpoint of <c>MapFhirRest</c> serves, from its HTTP method and route pattern (relative to the
    /// prefix); null for endpoints that disclose no record (<c>metadata</c>) and paths that name no interaction.
    /// </summary>
    public static FhirInteraction? Of(string method, string relativePattern) =>
        (method, relativePattern.Trim('/')) switch
        {
            ("GET", "{type}") => new("search-type", AuditAction.Read, IsSearch: true),
            ("POST", "{type}/_search") => new("search-type", AuditAction.Read, IsSearch: true),
            ("GET", "{compartmentType}/{id}/{type}") => new("search-compartment", AuditAction.Read, IsSearch: true),
            ("GET", "{type}/{id}") => new("read", AuditAction.Read),
            ("GET", "{type}/{id}/_history/{versionId}") => new("vread", AuditAction.Read),
            ("GET", "{type}/{id}/_history") => new("history-instance", AuditAction.Read),
            ("GET", "{type}/_history") => new("history-type", AuditAction.Read, IsSearch: true),
            ("GET", "_history") => new("history-system", AuditAction.Read, IsSearch: true),
            ("POST", "{type}") => new("create", AuditAction.Create),
            ("PUT", "{type}") => new("update", AuditAction.Update),
            ("PUT", "{type}/{id}") => new("update", AuditAction.Update),
            ("DELETE", "{type}/{id}") => new("delete", AuditAction.Delete),
            ("PATCH", "{type}/{id}") => new("patch", AuditAction.Update),
            ("POST", "") => new("transaction", AuditAction.Execute),
            _ => null,
        };
}
