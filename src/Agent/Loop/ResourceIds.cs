using System.Text.RegularExpressions;

namespace ClinicalAgent.Agent.Loop;

/// <summary>Finds FHIR resource references (<c>Observation/abc-1</c>) in text.</summary>
internal static partial class ResourceIds
{
    /// <summary>The distinct <c>Type/id</c> references in <paramref name="text"/>, in order of first appearance.</summary>
    public static IEnumerable<string> Find(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Reference().Matches(text))
        {
            // A sentence's full stop is not part of the id.
            var id = match.Value.TrimEnd('.');
            if (id.EndsWith('/'))
                continue;
            if (seen.Add(id))
                yield return id;
        }
    }

    // FHIR resource types are PascalCase words; ids are [A-Za-z0-9\-\.]{1,64}.
    [GeneratedRegex(@"(?<![A-Za-z0-9/])[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\-\.]{1,64}(?![A-Za-z0-9\-/])")]
    private static partial Regex Reference();
}
