using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.CdsHooks.Discovery;

/// <summary>The services of the workflow catalog by id, and their discovery document (<c>GET /cds-services</c>).</summary>
internal sealed class CdsServiceDirectory
{
    private readonly Dictionary<string, CdsService> _byId = new(StringComparer.Ordinal);

    public CdsServiceDirectory(WorkflowCatalog catalog, ILogger<CdsServiceDirectory> logger)
    {
        foreach (var workflow in catalog.All)
        {
            if (workflow.Trigger.CdsHook is not { } hook)
            {
                continue;
            }

            // Files are read in name order: the first declaration of an id is served, a later one is named in the log.
            if (_byId.TryGetValue(hook.Id, out var first))
            {
                CdsLog.DuplicateServiceId(logger, hook.Id, workflow.Name, first.Workflow.Name);
                continue;
            }

            _byId[hook.Id] = new CdsService(hook, workflow);
        }
    }

    public IEnumerable<CdsService> All => _byId.Values.OrderBy(s => s.Id, StringComparer.Ordinal);

    public CdsService? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The discovery response: <c>{"services":[{hook, id, title, description, prefetch, usageRequirements}]}</c>.</summary>
    public JsonObject Discovery()
    {
        var services = new JsonArray();
        foreach (var service in All)
        {
            var entry = new JsonObject
            {
                ["hook"] = service.Hook.Hook,
                ["id"] = service.Id,
                ["title"] = service.Hook.Title ?? service.Workflow.Name,
                ["description"] = service.Hook.Description ?? service.Workflow.Description ?? "",
            };
            if (service.Hook.Prefetch.Count > 0)
            {
                entry["prefetch"] = new JsonObject(service.Hook.Prefetch.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)PrefetchTemplate(p.Value))));
            }

            if (service.Hook.UsageRequirements is { } usage)
            {
                entry["usageRequirements"] = usage;
            }

            services.Add(entry);
        }

        return new JsonObject { ["services"] = services };
    }

    // Discovery shows the templates as CDS Hooks writes them ({{context.patientId}}), whatever spacing the file used.
    private static string PrefetchTemplate(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{\{\s*(.+?)\s*\}\}", "{{$1}}");
}
