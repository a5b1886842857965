using System.Collections.Concurrent;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Turns a resource into index rows by evaluating each of its type's search parameter expressions (FHIRPath,
/// from the spec) and converting what they select by FHIR data type. Expressions of the common forms run as
/// compiled element access (<see cref="Search.Compiled.CompiledSelector"/>), the rest through the FHIRPath
/// interpreter; both select the same elements (a test compares them on the generated records). Thread-safe.
/// </summary>
internal sealed class SearchIndexer(SearchParameterRegistry registry, ParamIds paramIds, bool compiled = true)
{
    // A type's parameters with their ids, looked up once: the id's key is a concatenated string, and indexing runs
    // for every resource written.
    private readonly ConcurrentDictionary<string, (IndexedSearchParameter Parameter, int Id)[]> _plans = new();

    public ResourceIndex Index(Resource resource) => Index(resource, precompiled: compiled);

    /// <summary>The rows of <paramref name="resource"/>; <paramref name="precompiled"/> false evaluates every expression with the FHIRPath interpreter (tests and the benchmark compare the two).</summary>
    public ResourceIndex Index(Resource resource, bool precompiled)
    {
        var index = new ResourceIndex();
        PocoNode? node = null;
        FhirEvaluationContext? context = null;
        List<Base>? selected = null;
        var audit = precompiled ? resource as AuditEvent : null;
        foreach (var (parameter, id) in PlanFor(resource.TypeName))
        {
            // AuditEvents are written on every access: their selections are precompiled in C# (same elements).
            if (audit is not null && Audit.AuditEventIndex.Selectors.TryGetValue(parameter.Name, out var select))
            {
                foreach (var value in select(audit))
                {
                    if (value is not null)
                        Add(index, parameter.Type, id, value);
                }

                continue;
            }

            if (precompiled && parameter.Selector is { } selector)
            {
                selected ??= [];
                selected.Clear();
                selector.SelectInto(resource, selected);
                foreach (var value in selected)
                {
                    Add(index, parameter.Type, id, value);
                }

                continue;
            }

            node ??= resource.ToPocoNode();
            context ??= new FhirEvaluationContext { ElementResolver = ResolveAsEmptyResource };
            foreach (var element in parameter.Compiled(node, context))
            {
                Add(index, parameter.Type, id, element.Poco);
            }
        }

        return index;
    }

    private (IndexedSearchParameter Parameter, int Id)[] PlanFor(string type) =>
        _plans.GetOrAdd(type, t => [.. registry.For(t).Select(p => (p, paramIds[p]))]);

    // Reference parameters are written "subject.where(resolve() is Patient)". With no resolver resolve() yields
    // nothing and the row would be silently missing, so resolve a reference to an empty resource of its type.
    internal static PocoNode ResolveAsEmptyResource(string reference)
    {
        if (ReferenceText.TryParseLocal(reference, out var type, out _) && ModelInfo.GetTypeForFhirType(type) is { } clr)
        {
            return ((Base)Activator.CreateInstance(clr)!).ToPocoNode();
        }

        return null!;
    }

    private static void Add(ResourceIndex index, SearchParamType type, int id, Base value)
    {
        switch (type)
        {
            case SearchParamType.Token:
                AddToken(index, id, value);
                break;
            case SearchParamType.String:
                AddString(index, id, value);
                break;
            case SearchParamType.Date:
                AddDate(index, id, value);
                break;
            case SearchParamType.Reference:
                AddReference(index, id, value);
                break;
            case SearchParamType.Quantity:
            case SearchParamType.Number:
                AddNumber(index, id, value);
                break;
            case SearchParamType.Uri:
                if (Text(value) is { } uri)
                {
                    index.Tokens.Add(new TokenRow(id, null, uri));
                }

                break;
        }
    }

    private static void AddToken(ResourceIndex index, int id, Base value)
    {
        switch (value)
        {
            case CodeableConcept concept:
                foreach (var coding in concept.Coding)
                {
                    AddToken(index, id, coding);
                }

                break;
            case Coding { Code: not null } coding:
                index.Tokens.Add(new TokenRow(id, coding.System, coding.Code));
                break;
            case Identifier { Value: not null } identifier:
                index.Tokens.Add(new TokenRow(id, identifier.System, identifier.Value));
                break;
            case ContactPoint { Value: not null } contact:
                index.Tokens.Add(new TokenRow(id, null, contact.Value));
                break;
            case FhirBoolean { Value: { } flag }:
                index.Tokens.Add(new TokenRow(id, null, flag ? "true" : "false"));
                break;
            default:
                if (Text(value) is { } code)
                {
                    index.Tokens.Add(new TokenRow(id, null, code));
                }

                break;
        }
    }

    private static void AddString(ResourceIndex index, int id, Base value)
    {
        IEnumerable<string?> parts = value switch
        {
            HumanName name => [name.Family, .. name.Given, .. name.Prefix, .. name.Suffix, name.Text],
            Address address => [.. address.Line, address.City, address.District, address.State, address.PostalCode, address.Country, address.Text],
            _ => [Text(value)],
        };
        foreach (var part in parts)
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                index.Strings.Add(new StringRow(id, SearchText.Normalize(part), part));
            }
        }
    }

    private static void AddDate(ResourceIndex index, int id, Base value)
    {
        FhirDateRange? range = value switch
        {
            Instant { Value: { } instant } => FhirDateRange.At(instant),
            Period period => new FhirDateRange(
                Parse(period.Start)?.Low ?? long.MinValue,
                Parse(period.End)?.High ?? long.MaxValue),
            Timing timing => timing.EventElement.Select(e => Parse(e.Value)).OfType<FhirDateRange>()
                .Aggregate((FhirDateRange?)null, (all, one) => all?.Union(one) ?? one),
            _ => Parse(Text(value)),
        };
        if (range is { } r)
        {
            index.Dates.Add(new DateRow(id, r.Low, r.High));
        }
    }

    private static void AddReference(ResourceIndex index, int id, Base value)
    {
        var reference = value switch
        {
            ResourceReference r => r.Reference,
            _ => Text(value),
        };
        if (string.IsNullOrEmpty(reference) || reference[0] == '#')
        {
            return;
        }

        index.References.Add(ReferenceText.TryParseLocal(reference, out var type, out var target)
            ? new ReferenceRow(id, type, target)
            : new ReferenceRow(id, null, reference));
    }

    private static void AddNumber(ResourceIndex index, int id, Base value)
    {
        switch (value)
        {
            case Quantity { Value: { } amount } quantity:
                index.Numbers.Add(new NumberRow(id, (double)amount, quantity.System, quantity.Code ?? quantity.Unit));
                break;
            case Money { Value: { } amount } money:
                index.Numbers.Add(new NumberRow(id, (double)amount, "urn:iso:std:iso:4217", money.Currency?.ToString()));
                break;
            case FhirDecimal { Value: { } number }:
                index.Numbers.Add(new NumberRow(id, (double)number, null, null));
                break;
            case Integer { Value: { } number }:
                index.Numbers.Add(new NumberRow(id, number, null, null));
                break;
            case PositiveInt { Value: { } number }:
                index.Numbers.Add(new NumberRow(id, number, null, null));
                break;
            case UnsignedInt { Value: { } number }:
                index.Numbers.Add(new NumberRow(id, number, null, null));
                break;
        }
    }

    private static FhirDateRange? Parse(string? text) => FhirDateRange.TryParse(text, out var range) ? range : null;

    private static string? Text(Base value) => value is PrimitiveType primitive ? primitive.ToString() : null;
}
