using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// What a unit of writes must check at its end: the keys it wrote and the local references they make, so a reference
/// to a resource written later in the unit is fine and one to nothing fails the unit. Records dates for the statistics.
/// </summary>
internal sealed class ReferenceCheck(DateStats dateStats, bool checkReferences, Func<string, string, (long Rid, int Version)?> current)
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly List<(string Source, string Path, string Type, string Id)> _references = [];

    // What the unit's end needs of a written resource: its dates for the statistics, its key and references for the check.
    public void Track(PreparedWrite write)
    {
        var resource = write.Resource;
        dateStats.Observe(write.Index.Dates);
        var key = resource.TypeName + "/" + resource.Id;
        _written.Add(key);
        foreach (var (path, type, id) in checkReferences ? write.References : [])
        {
            _references.Add((key, path, type, id));
        }
    }

    /// <summary>The first reference whose target neither exists nor was written in this unit, or null.</summary>
    public (string Source, string Path, string Target)? FindDangling()
    {
        var known = new HashSet<string>(_written, StringComparer.Ordinal);
        foreach (var (source, path, type, id) in _references)
        {
            var key = type + "/" + id;
            if (known.Contains(key))
            {
                continue;
            }

            if (current(type, id) is null)
            {
                return (source, path, key);
            }

            known.Add(key);
        }

        _references.Clear();
        return null;
    }

    public static FhirGatewayException Dangling((string Source, string Path, string Target) reference) =>
        FhirGatewayException.Create(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.Processing,
            $"{reference.Source}: {reference.Path} refers to {reference.Target}, which does not exist.", reference.Path);
}
