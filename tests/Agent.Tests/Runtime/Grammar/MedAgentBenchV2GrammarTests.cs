using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools.MedAgentBenchV2;
using Microsoft.Extensions.AI;
using static ClinicalAgent.Agent.Tests.Runtime.Grammar.GrammarAssert;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

/// <summary>The MedAgentBench v2 toolset compiled as the local model gets it: llama.cpp parses the grammar, the v2
/// calls (nested FHIR-shaped create arguments included) are accepted, and calls outside the schemas are not. As for
/// every tool, the grammar writes properties in the schema's order.</summary>
public sealed class MedAgentBenchV2GrammarTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-v2grammar-").FullName;

    [Fact]
    public void Build_V2Toolset_AcceptsV2CallsAndRejectsOthers()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        var tools = new MedAgentBenchV2Tools(store).Functions;

        var grammar = Checked(ReplyGrammar.Build(tools, ChatToolMode.RequireAny, allowMultipleCalls: true)!);
        var relaxations = ReplyGrammar.EnsureExpressible(tools);

        Accepts(grammar,
            """{"tool_calls": [{"name": "patient_search", "arguments": {"birthdate": "1932-12-29", "family": "Stafford", "given": "Peter"}}]}""",
            """{"tool_calls": [{"name": "observation_search", "arguments": {"code": "MG", "patient": "S6330912"}}]}""",
            """{"tool_calls": [{"name": "vitals_search", "arguments": {"category": "vital-signs", "date": "ge2023-11-12", "patient": "Patient/S6330912"}}]}""",
            """{"tool_calls": [{"name": "medication_request_search", "arguments": {"patient": "S6330912"}}]}""",
            """{"tool_calls": [{"name": "vitals_create", "arguments": {"resourceType": "Observation", "category": [{"coding": [{"system": "http://hl7.org/fhir/observation-category", "code": "vital-signs", "display": "Vital Signs"}]}], "code": {"text": "BP"}, "effectiveDateTime": "2023-11-13T10:15:00+00:00", "status": "final", "valueString": "118/77 mmHg", "subject": {"reference": "Patient/S6330912"}}}]}""",
            """{"tool_calls": [{"name": "medication_request_create", "arguments": {"resourceType": "MedicationRequest", "medicationCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "0338-1715-40", "display": "Magnesium sulfate"}], "text": "Magnesium sulfate"}, "authoredOn": "2023-11-13T10:15:00+00:00", "dosageInstruction": [{"route": "IV", "doseAndRate": [{"doseQuantity": {"value": 2, "unit": "g"}, "rateQuantity": {"value": 2, "unit": "h"}}]}], "status": "active", "intent": "order", "subject": {"reference": "Patient/S6330912"}}}]}""",
            """{"tool_calls": [{"name": "service_request_create", "arguments": {"resourceType": "ServiceRequest", "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4", "display": "Hemoglobin A1c"}]}, "authoredOn": "2023-11-13T10:15:00+00:00", "status": "active", "intent": "order", "priority": "stat", "subject": {"reference": "Patient/S6330912"}}}]}""",
            """{"tool_calls": [{"name": "calculator", "arguments": {"expression": "(3.5 - 3.1) / 0.1 * 10"}}]}""",
            """{"tool_calls": [{"name": "finish", "arguments": {"value": [5.5, "2023-11-13T10:15:00+00:00"]}}]}""",
            """{"tool_calls": [{"name": "finish", "arguments": {"value": []}}]}""");
        Rejects(grammar,
            """{"tool_calls": [{"name": "vitals_create", "arguments": {"resourceType": "Patient", "category": [], "code": {"text": "BP"}, "effectiveDateTime": "x", "status": "final", "valueString": "1", "subject": {"reference": "Patient/S1"}}}]}""",
            """{"tool_calls": [{"name": "observation_search", "arguments": {"code": "MG"}}]}""",
            """{"tool_calls": [{"name": "finish", "arguments": {"value": {"answer": 1}}}]}""",
            """{"tool_calls": [{"name": "get_observations", "arguments": {"patient_id": "S1"}}]}""");
        Assert.Empty(relaxations);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
