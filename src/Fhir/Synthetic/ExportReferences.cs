using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>How the export writers rewrite a generated resource's references for another server's shape.</summary>
internal static class ExportReferences
{
    /// <summary>A deep copy of <paramref name="resource"/> whose <c>Type/id</c> references <paramref name="map"/> rewrites (null: unchanged).</summary>
    public static T Rewrite<T>(T resource, Func<string, string?> map)
        where T : Resource
    {
        var copy = (T)resource.DeepCopy();
        ReferenceWalker.Visit(copy, reference =>
        {
            if (reference.Reference is { } text && map(text) is { } rewritten)
            {
                reference.Reference = rewritten;
            }
        });
        return copy;
    }

    /// <summary>The conditional reference to a practitioner by NPI, as Synthea and bulk exports write it.</summary>
    public static string? ByIdentifier(Resource resource, string system) =>
        resource.EnumerateElements().Where(e => e.Key == "identifier").Select(e => e.Value).OfType<IEnumerable<Identifier>>()
            .SelectMany(list => list).FirstOrDefault(i => i.System == system)?.Value is { } value
            ? $"{resource.TypeName}?identifier={system}|{value}"
            : null;

    public static string Key(Resource resource) => $"{resource.TypeName}/{resource.Id}";
}
