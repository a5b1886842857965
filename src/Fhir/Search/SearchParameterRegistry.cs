using System.Collections.Frozen;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;

namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// The search parameters the embedded store supports, derived from the R4 SearchParameter definitions
/// that ship with the Firely SDK: every token, string, date, reference, quantity, number and uri
/// parameter of every resource type, with no per-type code. Composite and special parameters are left
/// out, so they are rejected as unsupported rather than silently ignored.
/// </summary>
public sealed class SearchParameterRegistry
{
    /// <summary>Parameters every search accepts that the store answers from its own columns or as result controls.</summary>
    public static readonly FrozenSet<string> ControlParameters = FrozenSet.ToFrozenSet(
        ["_id", "_lastUpdated", "_count", "_offset", SnapshotParameter, "_sort", "_include", "_revinclude", "_summary", "_total", "_format", "_pretty"]);

    /// <summary>
    /// The paging control the store's next links carry: the newest row (or change) when the first page was read,
    /// so what is written between pages neither repeats nor skips a resource of the first page's set.
    /// </summary>
    public const string SnapshotParameter = "_snapshot";

    private static readonly Lazy<SearchParameterRegistry> Instance = new(() => new SearchParameterRegistry());

    private readonly FrozenDictionary<string, FrozenDictionary<string, IndexedSearchParameter>> _byType;

    private SearchParameterRegistry()
    {
        var symbols = new SymbolTable();
        symbols.AddStandardFP();
        symbols.AddFhirExtensions();
        var compiler = new FhirPathCompiler(symbols);

        var supported = new HashSet<SearchParamType>
        {
            SearchParamType.Token, SearchParamType.String, SearchParamType.Date, SearchParamType.Reference,
            SearchParamType.Quantity, SearchParamType.Number, SearchParamType.Uri,
        };
        var definitions = ModelInfo.SearchParameters
            .Where(p => p.Expression is not null && supported.Contains(p.Type) && p.Name != "_text" && p.Name != "_content")
            .ToList();
        var common = ResourceLevelDefinitions();

        var byType = new Dictionary<string, FrozenDictionary<string, IndexedSearchParameter>>();
        foreach (var type in ModelInfo.SupportedResources)
        {
            var parameters = new Dictionary<string, IndexedSearchParameter>();
            foreach (var definition in common.Concat(definitions.Where(p => p.Resource == type)))
            {
                var expression = ExpressionForType(definition.Expression!, type, definition.Resource!);
                if (expression is null || parameters.ContainsKey(definition.Name!))
                {
                    continue;
                }

                parameters[definition.Name!] = new IndexedSearchParameter(
                    type,
                    definition.Name!,
                    definition.Type,
                    expression,
                    definition.Target?.Select(t => t.GetLiteral()).ToArray() ?? [],
                    definition.Url)
                {
                    CompiledLazily = new Lazy<CompiledExpression>(() => compiler.Compile(expression)),
                    SelectorLazily = new Lazy<Compiled.CompiledSelector?>(() => Compiled.SearchPathCompiler.TryCompile(expression, type)),
                };
            }

            byType[type] = parameters.ToFrozenDictionary(StringComparer.Ordinal);
        }

        _byType = byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The registry built from the R4 definitions (built once, on first use).</summary>
    public static SearchParameterRegistry Default => Instance.Value;

    /// <summary>Every R4 resource type.</summary>
    public IEnumerable<string> ResourceTypes => _byType.Keys;

    /// <summary>True when <paramref name="type"/> is an R4 resource type (case-sensitive, as in FHIR).</summary>
    public bool IsResourceType(string type) => _byType.ContainsKey(type);

    /// <summary>The indexed parameters of <paramref name="type"/>; empty for an unknown type.</summary>
    public IEnumerable<IndexedSearchParameter> For(string type) =>
        _byType.TryGetValue(type, out var parameters) ? parameters.Values : [];

    /// <summary>The parameter <paramref name="name"/> of <paramref name="type"/>, or null when it is not supported.</summary>
    public IndexedSearchParameter? Find(string type, string name) =>
        _byType.TryGetValue(type, out var parameters) && parameters.TryGetValue(name, out var parameter) ? parameter : null;

    // The SDK's list leaves out the parameters every resource has (R4 "Resource-tag" and friends), so add them
    // from the spec. _id and _lastUpdated are answered from the store's own columns.
    private static List<SearchParamDefinition> ResourceLevelDefinitions() =>
    [
        new() { Resource = "Resource", Name = "_tag", Type = SearchParamType.Token, Expression = "Resource.meta.tag", Url = "http://hl7.org/fhir/SearchParameter/Resource-tag" },
        new() { Resource = "Resource", Name = "_security", Type = SearchParamType.Token, Expression = "Resource.meta.security", Url = "http://hl7.org/fhir/SearchParameter/Resource-security" },
        new() { Resource = "Resource", Name = "_profile", Type = SearchParamType.Uri, Expression = "Resource.meta.profile", Url = "http://hl7.org/fhir/SearchParameter/Resource-profile" },
        new() { Resource = "Resource", Name = "_source", Type = SearchParamType.Uri, Expression = "Resource.meta.source", Url = "http://hl7.org/fhir/SearchParameter/Resource-source" },
    ];

    // A definition's expression is often a union over many types ("AllergyIntolerance.code | Observation.code | …").
    // Evaluating the whole union on every resource costs ten times more than its own branch, so keep only the
    // branches rooted at this type (or at Resource/DomainResource for the common parameters).
    internal static string? ExpressionForType(string expression, string type, string definedOn)
    {
        var roots = definedOn is "Resource" or "DomainResource" ? new[] { definedOn, type } : [type];
        var branches = SplitUnion(expression)
            .Where(b => roots.Any(root => RootOf(b) == root))
            .ToList();
        return branches.Count == 0 ? null : string.Join(" | ", branches);
    }

    private static string RootOf(string branch)
    {
        var trimmed = branch.TrimStart('(', ' ');
        var end = 0;
        while (end < trimmed.Length && char.IsLetterOrDigit(trimmed[end]))
        {
            end++;
        }

        return trimmed[..end];
    }

    private static IEnumerable<string> SplitUnion(string expression)
    {
        var depth = 0;
        var inString = false;
        var start = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\'')
            {
                inString = !inString;
            }
            else if (!inString && c == '(')
            {
                depth++;
            }
            else if (!inString && c == ')')
            {
                depth--;
            }
            else if (!inString && depth == 0 && c == '|')
            {
                yield return expression[start..i].Trim();
                start = i + 1;
            }
        }

        yield return expression[start..].Trim();
    }
}
