using System.Net;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Security;
using ClinicalAgent.Security.ResourceServer;
using ClinicalAgent.Security.Smart;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Rest.Access;

/// <summary>
/// What one request's token allows on /fhir, applied before and after each interaction: SMART v2 scopes per type and
/// interaction, and for <c>patient/</c> scopes the token's patient compartment — searches are narrowed to it, reads and
/// writes outside it are refused (403), and included resources the token may not see are left out of every Bundle.
/// Types that are never in a patient compartment (Medication, Practitioner, Organization…) hold no patient's data and
/// are readable with a <c>patient/</c> scope for them.
/// </summary>
internal sealed class FhirAccess(FhirCaller caller)
{
    public static FhirAccess Of(HttpContext context) => new(context.GetFhirCaller());

    /// <summary>Refuses unless the scopes grant <paramref name="permission"/> on <paramref name="type"/>; returns the patient the grant is limited to, or null.</summary>
    public string? Require(string type, SmartPermissions permission)
    {
        switch (caller.Decide(type, permission))
        {
            case ScopeDecision.Allowed:
                return null;
            case ScopeDecision.PatientCompartmentOnly when !PatientCompartmentMembership.HasCompartment(type):
                return null;
            case ScopeDecision.PatientCompartmentOnly:
                return caller.Patient ?? throw Forbidden($"The token's patient/ scope for {type} needs a patient in context, and the token names none.");
            default:
                throw Forbidden($"The token's scopes do not allow {Describe(permission)} {type} (e.g. patient/{type}.{Letter(permission)} or user/{type}.{Letter(permission)}).");
        }
    }

    /// <summary>A search narrowed to the token's patient compartment where its scope is a <c>patient/</c> one.</summary>
    public SearchQuery Restrict(string type, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var patient = Require(type, SmartPermissions.Search);
        if (patient is null)
            return query;
        if (query.Compartment is { } compartment && (compartment.Type != "Patient" || compartment.Id != patient))
            throw Forbidden($"The token is limited to Patient/{patient}; {compartment.Type}/{compartment.Id} is outside it.");
        return query with { Compartment = new SearchCompartment("Patient", patient) };
    }

    /// <summary>Refuses a resource that was read but lies outside what the token may see.</summary>
    public Resource EnsureVisible(Resource resource)
    {
        if (!IsVisible(resource))
            throw Forbidden($"{resource.TypeName}/{resource.Id} is outside the token's patient compartment.");
        return resource;
    }

    /// <summary>Refuses a write whose body lies outside the token's patient compartment.</summary>
    public void EnsureWritable(Resource body, SmartPermissions permission)
    {
        var patient = Require(body.TypeName, permission);
        if (patient is not null && !PatientCompartmentMembership.Contains(body, patient))
            throw Forbidden($"A token limited to Patient/{patient} writes only resources in that patient's compartment; this {body.TypeName} is not.");
    }

    /// <summary>Refuses conditional updates under a <c>patient/</c> scope: the condition could select another patient's resource.</summary>
    public void EnsureConditionalUpdate(string type)
    {
        if (Require(type, SmartPermissions.Update) is not null)
            throw Forbidden($"A conditional update needs a user/ or system/ scope for {type}; a patient/ token updates by id.");
    }

    /// <summary>Removes from a Bundle (and the Bundles inside a batch response) every resource the token may not see.</summary>
    public Bundle Filter(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Entry.RemoveAll(entry => entry.Resource is { } resource and not OperationOutcome and not Bundle && !IsVisible(resource));
        foreach (var nested in bundle.Entry.Select(e => e.Resource).OfType<Bundle>())
            Filter(nested);
        return bundle;
    }

    /// <summary>Whether the token may read this resource: a read scope for its type and, for a patient/ scope, its compartment.</summary>
    /// <remarks>
    /// A Binary is in no compartment but holds a patient's data: under a patient/ scope it is visible only through
    /// <see cref="EnsureBinaryVisible"/>, which knows its securityContext, so searches and histories leave it out.
    /// </remarks>
    public bool IsVisible(Resource resource)
    {
        return caller.Decide(resource.TypeName, SmartPermissions.Read) switch
        {
            ScopeDecision.Allowed => true,
            ScopeDecision.PatientCompartmentOnly when resource is Binary => false,
            ScopeDecision.PatientCompartmentOnly => !PatientCompartmentMembership.HasCompartment(resource.TypeName)
                || (caller.Patient is { } patient && PatientCompartmentMembership.Contains(resource, patient)),
            _ => false,
        };
    }

    /// <summary>
    /// Refuses a Binary the token may not read: with a patient/ scope, only one whose <c>securityContext</c>
    /// (<paramref name="securityContext"/>, as read) lies in the token's patient compartment.
    /// </summary>
    public void EnsureBinaryVisible(Binary binary, Resource? securityContext)
    {
        ArgumentNullException.ThrowIfNull(binary);
        Require("Binary", SmartPermissions.Read);
        if (caller.Decide("Binary", SmartPermissions.Read) != ScopeDecision.PatientCompartmentOnly)
            return;
        var patient = caller.Patient ?? throw Forbidden("The token's patient/ scope for Binary needs a patient in context, and the token names none.");
        if (securityContext is null)
            throw Forbidden($"Binary/{binary.Id} names no securityContext in a patient's compartment; a patient/ token cannot read it.");
        if (!PatientCompartmentMembership.Contains(securityContext, patient))
            throw Forbidden($"Binary/{binary.Id} belongs to {securityContext.TypeName}/{securityContext.Id}, outside the token's patient compartment.");
    }

    internal static FhirGatewayException Forbidden(string message) =>
        FhirGatewayException.Create(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, message);

    private static string Describe(SmartPermissions permission) => permission switch
    {
        SmartPermissions.Create => "creating",
        SmartPermissions.Read => "reading",
        SmartPermissions.Update => "updating",
        SmartPermissions.Delete => "deleting",
        _ => "searching",
    };

    private static char Letter(SmartPermissions permission) => permission switch
    {
        SmartPermissions.Create => 'c',
        SmartPermissions.Read => 'r',
        SmartPermissions.Update => 'u',
        SmartPermissions.Delete => 'd',
        _ => 's',
    };
}
