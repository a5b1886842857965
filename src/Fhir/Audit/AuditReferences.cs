using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>Finds what an access touched: the <c>Type/id</c> references a tool's result cites, a resource's patient.</summary>
public static partial class AuditReferences
{
    private static readonly string[] PatientElements = ["subject", "patient", "beneficiary", "individual"];

    /// <summary>The distinct <c>Type/id</c> references of R4 resource types in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Reference().Matches(text))
        {
            var type = match.Value[..match.Value.IndexOf('/', StringComparison.Ordinal)];
            if (SearchParameterRegistry.Default.IsResourceType(type) && seen.Add(match.Value))
                found.Add(match.Value);
        }

        return found;
    }

    /// <summary>The patient <paramref name="resource"/> belongs to: its own id for a Patient, else the Patient its
    /// <c>subject</c>/<c>patient</c> refers to; null for none.</summary>
    public static string? PatientOf(Resource? resource)
    {
        if (resource is Patient patient)
            return patient.Id;
        if (resource is null or Bundle or OperationOutcome)
            return null;
        foreach (var name in PatientElements)
        {
            if (resource.TryGetValue(name, out var value)
                && value is ResourceReference { Reference: { } reference }
                && reference.StartsWith("Patient/", StringComparison.Ordinal))
            {
                return reference["Patient/".Length..];
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9/])[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\-\.]{1,64}(?![A-Za-z0-9\-/])")]
    private static partial Regex Reference();
}
