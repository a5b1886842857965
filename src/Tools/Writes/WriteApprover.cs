using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Who let a write reach the record: a person (from an access token's <c>fhirUser</c> or subject, or the local OS
/// user) or, under <c>--writes allow</c> and workflows without an approval, the automation itself.
/// </summary>
/// <param name="Display">How the person or automation is named.</param>
/// <param name="Reference">A FHIR reference (<c>Practitioner/123</c> or an absolute URL of one) when the identity is a resource; else null.</param>
/// <param name="IsPerson">True for a person, false for automation.</param>
public sealed partial record WriteApprover(string Display, string? Reference, bool IsPerson)
{
    /// <summary>The <c>--writes allow</c> automation.</summary>
    public static WriteApprover Automation { get; } = new("clinicalagent automation (writes allow)", null, false);

    /// <summary>A workflow that wrote with no approval step before the write.</summary>
    public static WriteApprover Workflow(string name) => new($"clinicalagent workflow {name}", null, false);

    /// <summary>
    /// A person as recorded: a FHIR reference to a Practitioner, PractitionerRole, Patient or RelatedPerson (relative
    /// or absolute, e.g. a token's <c>fhirUser</c>) becomes a reference; anything else (a subject, an OS user) a display.
    /// </summary>
    public static WriteApprover Person(string recorded)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recorded);
        var text = recorded.Trim();
        return PersonReference().IsMatch(text) ? new WriteApprover(text, text, true) : new WriteApprover(text, null, true);
    }

    /// <summary>The approver as a Reference: the resource when known, else a display.</summary>
    public ResourceReference ToReference() => Reference is null
        ? new ResourceReference { Display = Display }
        : new ResourceReference(Reference) { Display = Display == Reference ? null : Display };

    [GeneratedRegex(@"^(https?://\S+/)?(Practitioner|PractitionerRole|Patient|RelatedPerson)/[A-Za-z0-9\-.]{1,64}$")]
    private static partial Regex PersonReference();
}
