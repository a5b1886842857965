using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// Whether a resource lies in one patient's compartment, by the same R4 CompartmentDefinition parameters the store's
/// compartment search uses: the patient itself, or a resource whose compartment references point at it.
/// </summary>
public static class PatientCompartmentMembership
{
    /// <summary>True when <paramref name="type"/> can be in a Patient compartment at all (Observation yes; Medication, Practitioner no).</summary>
    public static bool HasCompartment(string type) => PatientCompartment.ParameterNames.ContainsKey(type);

    /// <summary>True when <paramref name="resource"/> is in the compartment of <c>Patient/<paramref name="patientId"/></c>.</summary>
    public static bool Contains(Resource resource, string patientId)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        if (resource is Patient && resource.Id == patientId)
            return true;
        if (!PatientCompartment.ParameterNames.TryGetValue(resource.TypeName, out var names))
            return false;

        var node = resource.ToPocoNode();
        var context = new FhirEvaluationContext { ElementResolver = SearchIndexer.ResolveAsEmptyResource };
        foreach (var name in names)
        {
            if (SearchParameterRegistry.Default.Find(resource.TypeName, name) is not { Type: SearchParamType.Reference } parameter)
                continue;
            foreach (var selected in parameter.Compiled(node, context))
            {
                if (selected.Poco is ResourceReference { Reference: var reference }
                    && ReferenceText.TryParseLocal(reference, out var targetType, out var targetId)
                    && targetType == "Patient" && targetId == patientId)
                    return true;
            }
        }

        return false;
    }
}
