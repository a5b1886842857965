using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// <c>fhir_query</c>: runs a FHIR search and stores <c>{count, ids, first, value, unit, date, patient}</c>, where
/// <c>first</c> is the first match as FHIR JSON and the rest are read from it.
/// </summary>
internal sealed class FhirQueryStep : IStepHandler
{
    public StepType Type => StepType.FhirQuery;

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var search = Template.Render(context.Step.Query!, context.Scope);
        var question = search.IndexOf('?');
        var type = question < 0 ? search : search[..question];
        var query = SearchQuery.Parse(question < 0 ? "" : search[(question + 1)..]);
        var bundle = await context.Services.Gateway.SearchAsync(type, query, cancellationToken).ConfigureAwait(false);
        var matches = bundle.Entry.Where(e => e.Resource?.TypeName == type).Select(e => FhirFacts.ToJson(e.Resource!)).ToList();
        var output = Output(matches);
        return new StepResult(output) { Detail = new JsonObject { ["type"] = type, ["count"] = matches.Count, ["ids"] = output["ids"]!.DeepClone() } };
    }

    /// <summary>The step's output for the matching resources (also what a CDS Hooks service's query gives from prefetch).</summary>
    public static JsonObject Output(IReadOnlyList<JsonObject> matches)
    {
        var first = matches.FirstOrDefault();
        var ids = new JsonArray([.. matches.Select(m => (JsonNode?)JsonValue.Create(m["id"]?.GetValue<string>()))]);
        return new JsonObject
        {
            ["count"] = matches.Count,
            ["ids"] = ids,
            ["first"] = first?.DeepClone(),
            ["value"] = first is null ? null : FhirFacts.Value(first),
            ["unit"] = first is null ? null : FhirFacts.Unit(first),
            ["date"] = first is null ? null : FhirFacts.Date(first),
            ["patient"] = first is null ? null : FhirFacts.PatientId(first),
        };
    }
}
