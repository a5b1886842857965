using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// What an AuditEvent may say about a search: every parameter's name, and a value only where it is a reference
/// (<c>patient=</c>, <c>subject=</c>, <c>encounter=</c>) or <c>_id</c>, since those are ids. Names, dates, codes and
/// free text (<c>family=</c>, <c>name=</c>, <c>identifier=</c>) are left out: they are, or may be, patient data.
/// </summary>
public static class AuditQuery
{
    /// <summary>The query as recorded: <c>patient=Patient/1&amp;code&amp;_sort&amp;_count</c>.</summary>
    public static string Describe(string type, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = query.Parameters.Select(p => KeepsValue(type, p.Key) ? $"{p.Key}={p.Value}" : p.Key);
        return string.Join('&', parts);
    }

    /// <summary>The patient a search is about: <c>Patient?_id=</c>, <c>patient=</c>, <c>subject=Patient/…</c>, or a
    /// Patient compartment; null when it names none or several.</summary>
    public static string? PatientOf(string type, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Compartment is { Type: "Patient" } compartment)
        {
            return compartment.Id;
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in query.Parameters)
        {
            var name = key.Split(':')[0];
            var modifier = key.Contains(':', StringComparison.Ordinal) ? key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
            foreach (var single in value.Split(','))
            {
                if (type == "Patient" && name == "_id")
                    found.Add(single);
                else if (name == "patient" && modifier is null or "Patient")
                    found.Add(single.StartsWith("Patient/", StringComparison.Ordinal) ? single["Patient/".Length..] : single);
                else if (name == "subject" && modifier is "Patient")
                    found.Add(single);
                else if (name == "subject" && modifier is null && single.StartsWith("Patient/", StringComparison.Ordinal))
                    found.Add(single["Patient/".Length..]);
            }
        }

        return found.Count == 1 && !found.Single().Contains('/', StringComparison.Ordinal) && found.Single().Length > 0 ? found.Single() : null;
    }

    private static bool KeepsValue(string type, string key)
    {
        // A chain (subject.name) or an identifier modifier searches by something other than an id.
        if (key.Contains('.', StringComparison.Ordinal))
            return false;
        var parts = key.Split(':', 2);
        if (parts.Length == 2 && parts[1] is "identifier" or "text" or "missing" or "above" or "below")
            return false;
        if (parts[0] == "_id")
            return true;
        return SearchParameterRegistry.Default.IsResourceType(type)
            && SearchParameterRegistry.Default.Find(type, parts[0]) is { Type: SearchParamType.Reference };
    }
}
