using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Security.ResourceServer;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Builds the CapabilityStatement the facade serves at <c>metadata</c> from the same search parameter
/// registry the store indexes with, so it lists exactly what a search accepts and no more.
/// </summary>
internal static class CapabilityStatementFactory
{
    private static readonly CapabilityStatement.TypeRestfulInteraction[] TypeInteractions =
    [
        CapabilityStatement.TypeRestfulInteraction.Read,
        CapabilityStatement.TypeRestfulInteraction.Vread,
        CapabilityStatement.TypeRestfulInteraction.HistoryInstance,
        CapabilityStatement.TypeRestfulInteraction.HistoryType,
        CapabilityStatement.TypeRestfulInteraction.SearchType,
        CapabilityStatement.TypeRestfulInteraction.Create,
        CapabilityStatement.TypeRestfulInteraction.Update,
    ];

    // Built once: it walks every parameter of every resource type, and none of it changes while the process runs.
    private static readonly Lazy<CapabilityStatement> Template = new(() => Build(SearchParameterRegistry.Default));

    /// <summary>
    /// The statement for a server at <paramref name="baseUrl"/>; with <paramref name="security"/> (authorization on),
    /// <c>rest.security</c> says SMART on FHIR and names the token and authorize endpoints (the oauth-uris extension).
    /// </summary>
    public static CapabilityStatement For(string baseUrl, ResourceServerOptions? security = null, string? origin = null)
    {
        var statement = (CapabilityStatement)Template.Value.DeepCopy();
        statement.Implementation = new CapabilityStatement.ImplementationComponent
        {
            Description = "ClinicalAgent FHIR R4 facade",
            Url = baseUrl,
        };
        statement.Rest[0].Security = security is null ? Unsecured() : Smart(security, origin);
        return statement;
    }

    private static CapabilityStatement.SecurityComponent Unsecured() => new()
    {
        Cors = false,
        Description = "Authorization is off (--insecure-no-auth): every request is answered, on loopback only.",
    };

    private static CapabilityStatement.SecurityComponent Smart(ResourceServerOptions security, string? origin)
    {
        var document = SmartConfiguration.Build(security, origin);
        var oauth = new Extension { Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris" };
        oauth.Extension.Add(new Extension("token", new FhirUri(document["token_endpoint"]!.GetValue<string>())));
        oauth.Extension.Add(new Extension("authorize", new FhirUri(document["authorization_endpoint"]!.GetValue<string>())));
        var component = new CapabilityStatement.SecurityComponent
        {
            Cors = false,
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")],
            Description = "SMART on FHIR: a bearer JWT on every request but metadata and .well-known/smart-configuration; v2 scopes, patient/ scopes limited to the token's patient compartment.",
        };
        component.Extension.Add(oauth);
        return component;
    }

    private static CapabilityStatement Build(SearchParameterRegistry registry)
    {
        var revIncludes = RevIncludesByTarget(registry);
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Interaction =
            [
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch },
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.HistorySystem },
            ],
            Compartment = ["http://hl7.org/fhir/CompartmentDefinition/patient"],
        };

        foreach (var type in registry.ResourceTypes.Order(StringComparer.Ordinal))
        {
            rest.Resource.Add(DescribeType(registry, type, revIncludes));
        }

        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd"),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "ClinicalAgent" },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", "xml"],
            Rest = [rest],
        };
    }

    private static CapabilityStatement.ResourceComponent DescribeType(
        SearchParameterRegistry registry, string type, IReadOnlyDictionary<string, List<string>> revIncludes)
    {
        var parameters = registry.For(type).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var component = new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Interaction = TypeInteractions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
            Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            ReadHistory = true,
            UpdateCreate = true,
            ConditionalCreate = true,
            ConditionalUpdate = true,
            ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.NotSupported,
            SearchInclude = parameters.Where(p => p.Type == SearchParamType.Reference).Select(p => $"{type}:{p.Name}").ToList(),
            SearchRevInclude = revIncludes.TryGetValue(type, out var rev) ? [.. rev.Order(StringComparer.Ordinal)] : [],
        };

        // _id and _lastUpdated come from the store's own columns; list them even where no definition indexes them.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            listed.Add(parameter.Name);
            component.SearchParam.Add(new CapabilityStatement.SearchParamComponent
            {
                Name = parameter.Name,
                Definition = parameter.Url,
                Type = parameter.Type,
            });
        }

        AddIfMissing(component, listed, "_id", "http://hl7.org/fhir/SearchParameter/Resource-id", SearchParamType.Token);
        AddIfMissing(component, listed, "_lastUpdated", "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated", SearchParamType.Date);
        return component;
    }

    private static void AddIfMissing(
        CapabilityStatement.ResourceComponent component, HashSet<string> listed, string name, string url, SearchParamType type)
    {
        if (listed.Add(name))
        {
            component.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = name, Definition = url, Type = type });
        }
    }

    // A _revinclude is named from the referring side ("Observation:patient" on Patient), so invert the reference targets.
    private static Dictionary<string, List<string>> RevIncludesByTarget(SearchParameterRegistry registry)
    {
        var byTarget = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var type in registry.ResourceTypes)
        {
            foreach (var parameter in registry.For(type).Where(p => p.Type == SearchParamType.Reference))
            {
                foreach (var target in parameter.Targets.Distinct())
                {
                    if (!byTarget.TryGetValue(target, out var list))
                    {
                        byTarget[target] = list = [];
                    }

                    list.Add($"{type}:{parameter.Name}");
                }
            }
        }

        return byTarget;
    }
}
