using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Web.Sessions;

/// <summary>The person a web session acts for: the token's <c>fhirUser</c> (else its subject), or the local OS user when authorization is off.</summary>
/// <param name="Recorded">How decisions name the person: a FHIR reference such as <c>Practitioner/alice</c>, or a plain name.</param>
/// <param name="Display">How the page names the person.</param>
/// <param name="IsLocalUser">True for the OS user of <c>serve --insecure-no-auth</c>, audited as the CLI audits it.</param>
internal sealed record WebPerson(string Recorded, string Display, bool IsLocalUser = false)
{
    /// <summary>The local OS user, as the CLI records them, for <c>serve --insecure-no-auth</c>.</summary>
    public static WebPerson LocalUser() => new(Environment.UserName, Environment.UserName, IsLocalUser: true);

    /// <summary>The approver of a proposed write.</summary>
    public WriteApprover Approver => WriteApprover.Person(Recorded);

    /// <summary>The actor of the AuditEvents of what this person does in the app.</summary>
    public AuditActor AuditActor => IsLocalUser ? AuditActor.LocalUser() : AuditActor.Person(Recorded);
}
