using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>
/// The typed tools of MedAgentBench's v2 agent (Black et al. 2025) over an <see cref="IFhirGateway"/>, with v2's
/// names and argument shapes: <c>patient_search</c>, <c>vitals_search</c>, <c>observation_search</c>,
/// <c>medication_request_search</c> answer with FHIR searchset Bundles; <c>vitals_create</c>,
/// <c>medication_request_create</c>, <c>service_request_create</c> take the resource's fields and record the body
/// they would POST (<see cref="Creates"/>; the record never changes); <c>calculator</c> evaluates arithmetic;
/// <c>finish</c> hands over the answer list (<see cref="Answer"/>). One instance per task: it holds that task's writes.
/// </summary>
public sealed class MedAgentBenchV2Tools
{
    /// <summary>The toolset's name on the command line (<c>bench run --toolset medagentbench-v2</c>).</summary>
    public const string ToolsetName = "medagentbench-v2";

    /// <summary>The tool that ends a run with the answer list.</summary>
    public const string FinishTool = "finish";

    private readonly V2Creates _creates;
    private readonly Lock _lock = new();
    private IReadOnlyList<JsonElement>? _answer;

    /// <summary>The tools over <paramref name="gateway"/>.</summary>
    public MedAgentBenchV2Tools(IFhirGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var searches = new V2Searches(gateway);
        _creates = new V2Creates(gateway);
        Functions =
        [
            new V2Function("patient_search", "Patient.Search: find patients by demographics (name, birth date) or identifier (MRN). Answers with a FHIR Bundle of Patient resources.",
                V2SearchSchemas.PatientSearch, searches.PatientsAsync),
            new V2Function("vitals_search", "Observation.Search (Vitals): a patient's vital signs and other flowsheet rows, newest first. Answers with a FHIR Bundle of Observations.",
                V2SearchSchemas.VitalsSearch, searches.VitalsAsync),
            new V2Function("observation_search", "Observation.Search (Labs): a patient's lab results under one short code, newest first. Answers with a FHIR Bundle of Observations (effectiveDateTime, valueQuantity).",
                V2SearchSchemas.ObservationSearch, searches.ObservationsAsync),
            new V2Function("medication_request_search", "MedicationRequest.Search: a patient's medication orders. Answers with a FHIR Bundle of MedicationRequests.",
                V2SearchSchemas.MedicationRequestSearch, searches.MedicationRequestsAsync),
            new V2Function("vitals_create", "Observation.Create (Vitals): file a vital sign (e.g. a blood pressure) to the patient's flowsheet. Answers with the created Observation.",
                V2CreateSchemas.VitalsCreate, _creates.VitalsAsync),
            new V2Function("medication_request_create", "MedicationRequest.Create: order a medication for a patient. Answers with the created MedicationRequest.",
                V2CreateSchemas.MedicationRequestCreate, _creates.MedicationRequestAsync),
            new V2Function("service_request_create", "ServiceRequest.Create (Order): order a lab test, a referral or another service for a patient. Answers with the created ServiceRequest.",
                V2CreateSchemas.ServiceRequestCreate, _creates.ServiceRequestAsync),
            new V2Function("calculator", "Evaluate an arithmetic expression exactly (decimal arithmetic); answers with the value.",
                V2SearchSchemas.Calculator, CalculateAsync),
            new V2Function(FinishTool, "Respond with the final answer list, in the type the task asks for (numbers as numbers). Call it once, at the end.",
                V2SearchSchemas.Finish, FinishAsync),
        ];
    }

    /// <summary>The tools as the model sees them.</summary>
    public IReadOnlyList<AIFunction> Functions { get; }

    /// <summary>The resources the create tools recorded, in order.</summary>
    public IReadOnlyList<V2Create> Creates => _creates.Recorded;

    /// <summary>The list <c>finish</c> was called with last; null before it was called.</summary>
    public IReadOnlyList<JsonElement>? Answer
    {
        get
        {
            lock (_lock)
                return _answer;
        }
    }

    private static Task<object?> CalculateAsync(V2Arguments arguments, CancellationToken cancellationToken)
    {
        var expression = arguments.Required("expression");
        try
        {
            return Task.FromResult<object?>(ArithmeticExpression.Format(ArithmeticExpression.Evaluate(expression)));
        }
        catch (FormatException ex)
        {
            throw arguments.Error(ex.Message);
        }
    }

    private Task<object?> FinishAsync(V2Arguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Values["value"] is not JsonArray value)
            throw arguments.Error("'value' must be the answer list, e.g. [4.1] or [\"S1234567\"]");
        using var document = JsonDocument.Parse(value.ToJsonString(V2Arguments.Json));
        var list = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        lock (_lock)
            _answer = list;
        return Task.FromResult<object?>(document.RootElement.Clone());
    }
}
