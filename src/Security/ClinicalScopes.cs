namespace ClinicalAgent.Security;

/// <summary>Scopes of our own for what SMART has no resource scope for: the workflow endpoints and approvals.</summary>
public static class ClinicalScopes
{
    /// <summary>List and show workflow instances, start a workflow.</summary>
    public const string Workflows = "clinicalagent/workflows";

    /// <summary>Approve or reject a proposed write. Only a user token (one with <c>fhirUser</c> or a person's <c>sub</c>) may use it.</summary>
    public const string Approve = "clinicalagent/approve";
}
