using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Security;

namespace ClinicalAgent.Fhir.Rest.Audit;

/// <summary>The audited actor of a request's caller: its <c>fhirUser</c> and subject, never its name.</summary>
internal static class CallerActor
{
    /// <summary>Null when the caller carries no identity (authorization off, or no valid token).</summary>
    public static AuditActor? From(FhirCaller caller)
    {
        if (caller.FhirUser is null && caller.Subject is null)
            return null;
        return new AuditActor(
            caller.FhirUser,
            caller.Subject is null ? null : AuditCodes.SubjectIdentifierSystem,
            caller.Subject,
            IsPerson: caller.IsUser);
    }
}
