using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using ClinicalAgent.Tools;

namespace ClinicalAgent.Bench.Agent;

/// <summary>Runs every catalogued call for each patient and counts the tokens of the result and of its raw FHIR equivalent.</summary>
internal static class ToolTokenComparison
{
    public static async Task<IReadOnlyList<ToolTokenRow>> RunAsync(IFhirGateway gateway, ClinicalToolbox tools, TokenCounter counter, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, (int Calls, long Result, long Raw)>(StringComparer.Ordinal);
        var patients = await gateway.SearchAsync("Patient", SearchQuery.Parse("_count=1000"), cancellationToken).ConfigureAwait(false);
        foreach (var patient in patients.Entry.Select(e => e.Resource).OfType<Patient>())
        {
            var documents = await gateway.SearchAsync("DocumentReference", SearchQuery.Parse($"patient={patient.Id}&_count=1"), cancellationToken).ConfigureAwait(false);
            foreach (var call in ToolCallCatalog.For(patient, documents.Entry.FirstOrDefault()?.Resource?.Id))
            {
                var result = await tools.CallAsync(call.Tool, call.Arguments, cancellationToken).ConfigureAwait(false);
                if (result.Contains("\"error\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{call.Tool} failed for Patient/{patient.Id}: {result}");
                var raw = await RawFhirEquivalent.BuildAsync(gateway, result, cancellationToken).ConfigureAwait(false);
                var label = ToolCallCatalog.Label(call);
                var (calls, resultTokens, rawTokens) = totals.GetValueOrDefault(label);
                totals[label] = (calls + 1, resultTokens + counter.Count(result), rawTokens + counter.Count(raw));
            }
        }

        return [.. totals.Select(t => new ToolTokenRow(t.Key, t.Value.Calls, t.Value.Result, t.Value.Raw))];
    }
}
