using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// Checks a <see cref="SearchQuery"/> against the resource type's parameters. Unknown parameters, modifiers
/// and result controls are errors that name the parameter, unless the query is lenient.
/// </summary>
internal sealed class SearchParser(SearchParameterRegistry registry, int defaultPageSize, int maxPageSize)
{
    private static readonly HashSet<string> IgnoredControls = ["_format", "_pretty"];

    public ParsedSearch Parse(string type, SearchQuery query)
    {
        var understood = new List<KeyValuePair<string, string>>();
        var search = new ParsedSearch { ResourceType = type, Understood = new SearchQuery(understood, query.Lenient), Count = defaultPageSize };
        foreach (var (rawName, value) in query.Parameters)
        {
            try
            {
                if (Apply(search, type, rawName, value))
                {
                    understood.Add(new(rawName, value));
                }
            }
            catch (FhirGatewayException) when (query.Lenient)
            {
                search.Ignored.Add(rawName);
            }
        }

        search.CountOnly |= search.Count == 0;
        if (query.Compartment is { } compartment)
        {
            search.Compartment = Compartment(type, compartment);
        }

        return search;
    }

    private CompartmentFilter Compartment(string type, SearchCompartment compartment)
    {
        if (compartment.Type != "Patient")
        {
            throw FhirGatewayException.NotSupported($"Only the Patient compartment can be searched, not {compartment.Type}.");
        }

        return new CompartmentFilter(compartment.Type, compartment.Id, PatientCompartment.Parameters(registry, type), IncludesSelf: type == compartment.Type);
    }

    // Returns whether the pair belongs in the self link (paging and format controls do not).
    private bool Apply(ParsedSearch search, string type, string rawName, string value)
    {
        var colon = rawName.IndexOf(':');
        var name = colon < 0 ? rawName : rawName[..colon];
        var modifier = colon < 0 ? null : rawName[(colon + 1)..];
        switch (name)
        {
            case "_count":
                search.Count = Math.Min(NonNegative(name, value), maxPageSize);
                return false;
            case "_offset":
                search.Offset = NonNegative(name, value);
                return false;
            case SearchParameterRegistry.SnapshotParameter:
                search.Snapshot = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var snapshot)
                    ? snapshot
                    : throw FhirGatewayException.BadRequest($"{name} must be a whole number of zero or more, not '{value}'.");
                return false;
            case "_sort":
                search.Sort.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(key => SortKeyOf(type, key)));
                return true;
            case "_include" or "_revinclude":
                if (modifier is not null)
                {
                    throw FhirGatewayException.NotSupported($"{rawName} is not supported; use {name} without a modifier.");
                }

                search.Includes.AddRange(Includes(type, value, reverse: name == "_revinclude"));
                return true;
            case "_summary":
                search.CountOnly = value switch
                {
                    "count" => true,
                    "false" => false,
                    _ => throw FhirGatewayException.NotSupported($"_summary={value} is not supported; use _summary=count or leave it out."),
                };
                return true;
            case "_total":
                search.WantTotal = value switch
                {
                    "none" => false,
                    "estimate" or "accurate" => true,
                    _ => throw FhirGatewayException.BadRequest($"_total must be none, estimate or accurate, not '{value}'."),
                };
                return true;
        }

        if (IgnoredControls.Contains(name))
        {
            return false;
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw FhirGatewayException.NotSupported($"Chained search '{rawName}' is not supported; search the target type and then by reference.");
        }

        var parameter = name is "_id" or "_lastUpdated" ? null : registry.Find(type, name)
            ?? throw FhirGatewayException.BadRequest($"Unknown search parameter '{name}' for {type}. Known: {string.Join(", ", KnownNames(type))}.");
        CheckModifier(type, name, parameter, modifier, value);
        search.Clauses.Add(new SearchClause(name, parameter, modifier, SplitAlternatives(value)));
        return true;
    }

    private IEnumerable<string> KnownNames(string type) =>
        new[] { "_id", "_lastUpdated" }.Concat(registry.For(type).Select(p => p.Name).Order(StringComparer.Ordinal));

    private void CheckModifier(string type, string name, IndexedSearchParameter? parameter, string? modifier, string value)
    {
        if (modifier is null)
        {
            return;
        }

        if (modifier == "missing")
        {
            if (value is not ("true" or "false"))
            {
                throw FhirGatewayException.BadRequest($"{name}:missing takes true or false, not '{value}'.");
            }

            return;
        }

        var allowed = parameter?.Type switch
        {
            SearchParamType.String => modifier is "exact" or "contains",
            SearchParamType.Token => modifier is "not",
            SearchParamType.Reference => registry.IsResourceType(modifier) && (parameter.Targets.Count == 0 || parameter.Targets.Contains(modifier)),
            _ => false,
        };
        if (!allowed)
        {
            throw FhirGatewayException.NotSupported($"Modifier ':{modifier}' is not supported on {type} search parameter '{name}'.");
        }
    }

    private SortKey SortKeyOf(string type, string key)
    {
        var descending = key.StartsWith('-');
        var name = descending ? key[1..] : key;
        if (name is "_id" or "_lastUpdated")
        {
            return new SortKey(name, null, descending);
        }

        var parameter = registry.Find(type, name) ?? throw FhirGatewayException.BadRequest($"Cannot sort {type} by unknown parameter '{name}'.");
        return new SortKey(name, parameter, descending);
    }

    private IEnumerable<IncludeSpec> Includes(string type, string value, bool reverse)
    {
        var parts = value.Split(':');
        var what = reverse ? "_revinclude" : "_include";
        if (parts.Length is < 2 or > 3 || (!reverse && parts[0] != type && parts[0] != "*"))
        {
            throw FhirGatewayException.BadRequest($"{what}={value} must read {(reverse ? "SourceType" : type)}:parameter[:TargetType].");
        }

        var source = reverse ? parts[0] : type;
        if (!registry.IsResourceType(source))
        {
            throw FhirGatewayException.BadRequest($"{what}={value}: unknown resource type '{source}'.");
        }

        var target = parts.Length == 3 ? parts[2] : null;
        var parameters = parts[1] == "*"
            ? registry.For(source).Where(p => p.Type == SearchParamType.Reference).ToList()
            : [registry.Find(source, parts[1]) is { Type: SearchParamType.Reference } p ? p
                : throw FhirGatewayException.BadRequest($"{what}={value}: '{parts[1]}' is not a reference parameter of {source}.")];
        return parameters.Select(p => new IncludeSpec(p, target, reverse));
    }

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw FhirGatewayException.BadRequest($"{name} must be a whole number of zero or more, not '{value}'.");

    // Commas separate alternatives; "\," is a literal comma (FHIR search escaping).
    internal static IReadOnlyList<string> SplitAlternatives(string value)
    {
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '$' or '\\')
            {
                current.Append(value[++i]);
            }
            else if (value[i] == ',')
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(value[i]);
            }
        }

        values.Add(current.ToString());
        return values;
    }
}
