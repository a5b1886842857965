using System.Text;

namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// A FHIR search as its ordered <c>name=value</c> pairs. A repeated name means AND, a comma inside a value
/// means OR, as in the FHIR search spec.
/// </summary>
/// <param name="Parameters">The pairs in the order given; names may carry modifiers (<c>name:exact</c>).</param>
/// <param name="Lenient">
/// True ignores unknown or unsupported parameters (<c>Prefer: handling=lenient</c>); false, the default,
/// rejects them with a 400.
/// </param>
public sealed record SearchQuery(IReadOnlyList<KeyValuePair<string, string>> Parameters, bool Lenient = false)
{
    /// <summary>When set, only resources in that compartment match (<c>GET Patient/123/Observation</c>).</summary>
    public SearchCompartment? Compartment { get; init; }

    /// <summary>No parameters: every resource of the type.</summary>
    public static SearchQuery Empty { get; } = new([]);

    /// <summary>Parses a URL query string such as <c>patient=1&amp;code=http://loinc.org%7C2823-3</c>.</summary>
    public static SearchQuery Parse(string? queryString, bool lenient = false)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in (queryString ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            pairs.Add(new(name, value));
        }

        return new SearchQuery(pairs, lenient);
    }

    /// <summary>Builds a query from <c>name=value</c> words, as typed on a command line (not URL-encoded).</summary>
    public static SearchQuery FromArguments(IEnumerable<string> arguments, bool lenient = false)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var argument in arguments)
        {
            var eq = argument.IndexOf('=');
            if (eq <= 0)
            {
                throw FhirGatewayException.BadRequest($"Search argument '{argument}' is not of the form name=value.");
            }

            pairs.Add(new(argument[..eq], argument[(eq + 1)..]));
        }

        return new SearchQuery(pairs, lenient);
    }

    /// <summary>The values given for <paramref name="name"/> (exact name, modifiers included).</summary>
    public IEnumerable<string> ValuesOf(string name) =>
        Parameters.Where(p => p.Key == name).Select(p => p.Value);

    /// <summary>A copy without <paramref name="name"/>, with <paramref name="value"/> appended unless null.</summary>
    public SearchQuery With(string name, string? value)
    {
        var pairs = Parameters.Where(p => p.Key != name).ToList();
        if (value is not null)
        {
            pairs.Add(new(name, value));
        }

        return this with { Parameters = pairs };
    }

    /// <summary>The URL-encoded query string, without a leading <c>?</c>.</summary>
    public string ToQueryString()
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in Parameters)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Escape(name)).Append('=').Append(Escape(value));
        }

        return sb.ToString();
    }

    public override string ToString() => ToQueryString();

    // Keep ':' ',' '|' and '/' readable: they are FHIR syntax that servers accept unescaped in queries.
    private static string Escape(string text) =>
        Uri.EscapeDataString(text).Replace("%3A", ":").Replace("%2C", ",").Replace("%7C", "|").Replace("%2F", "/");
}
