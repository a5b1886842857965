using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// What the store already holds of an import, asked in few searches: which ids exist, and which resources carry
/// which identifiers (<c>system|value</c>). Works over any gateway, so a remote server is asked the same way; the
/// embedded store is asked only about the types it holds (<paramref name="heldTypesOnly"/>): a type it holds none of
/// can match no id or identifier, and a first import into an empty store spent a search per 50 resources learning so.
/// </summary>
internal sealed class StoreLookup(IFhirGateway gateway, bool heldTypesOnly = true)
{
    private const int Chunk = 50;

    private readonly HashSet<string> _existing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byIdentifier = new(StringComparer.Ordinal);

    /// <summary>Asks the store about every id and identifier of <paramref name="files"/>.</summary>
    public async Task LoadAsync(IEnumerable<ScannedFile> files, CancellationToken cancellationToken)
    {
        var items = files.SelectMany(f => f.Items).Where(i => i.Type is not null).ToList();
        var held = heldTypesOnly && gateway is IEmbeddedFhirStore store ? await store.CountByTypeAsync(cancellationToken).ConfigureAwait(false) : null;
        foreach (var group in items.GroupBy(i => i.Type!, StringComparer.Ordinal))
        {
            if (held is not null && !held.ContainsKey(group.Key))
            {
                continue;
            }

            var ids = group.Select(i => i.Id).OfType<string>().Where(id => id.Length > 0 && !id.Contains(',', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
            var conditions = group.Select(i => i.IfNoneExist is { Length: > 0 } condition ? ImportPlanner.IdentifierCondition(condition) : null).OfType<string>();
            var identifiers = group.SelectMany(i => i.Identifiers).Concat(conditions).Distinct(StringComparer.Ordinal);
            try
            {
                foreach (var chunk in ids.Chunk(Chunk))
                {
                    await SearchAsync(group.Key, "_id", chunk, resource => _existing.Add(Key(resource)), cancellationToken).ConfigureAwait(false);
                }

                foreach (var chunk in identifiers.Chunk(Chunk))
                {
                    var wanted = chunk.ToHashSet(StringComparer.Ordinal);
                    await SearchAsync(group.Key, "identifier", chunk.Select(Escape), resource =>
                    {
                        foreach (var token in IdentifiersOf(resource).Where(wanted.Contains))
                        {
                            Add(_byIdentifier, $"{resource.TypeName}|{token}", Key(resource));
                        }
                    }, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (FhirGatewayException)
            {
                // A type the store does not know: its file fails when it is parsed, naming the type.
            }
        }
    }

    /// <summary>Whether <c>Type/id</c> is in the store.</summary>
    public bool Exists(string key) => _existing.Contains(key);

    /// <summary>The stored <c>Type/id</c>s that carry <paramref name="identifier"/> (<c>system|value</c>).</summary>
    public IReadOnlyCollection<string> WithIdentifier(string type, string identifier) =>
        _byIdentifier.TryGetValue($"{type}|{identifier}", out var keys) ? keys : [];

    /// <summary>A resource's identifiers as <c>system|value</c>.</summary>
    public static IEnumerable<string> IdentifiersOf(Resource resource)
    {
        foreach (var (name, value) in resource.EnumerateElements())
        {
            if (name != "identifier")
            {
                continue;
            }

            foreach (var identifier in value is IEnumerable<Identifier> many ? many : value is Identifier one ? [one] : [])
            {
                if (!string.IsNullOrEmpty(identifier.System) && !string.IsNullOrEmpty(identifier.Value))
                {
                    yield return $"{identifier.System}|{identifier.Value}";
                }
            }
        }
    }

    public static string Key(Resource resource) => $"{resource.TypeName}/{resource.Id}";

    internal static void Add(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    // A comma separates values of one search parameter; one inside a value is escaped (FHIR search §3.1.1.6).
    private static string Escape(string token) => token.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal);

    private async Task SearchAsync(string type, string parameter, IEnumerable<string> values, Action<Resource> found, CancellationToken cancellationToken)
    {
        var query = new SearchQuery([new(parameter, string.Join(",", values)), new("_count", "100")]);
        var page = await gateway.SearchAsync(type, query, cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var entry in page.Entry.Where(e => e.Resource is not null && e.Search?.Mode != Bundle.SearchEntryMode.Outcome))
            {
                found(entry.Resource!);
            }

            page = await gateway.NextPageAsync(page, cancellationToken).ConfigureAwait(false);
        }
    }
}
