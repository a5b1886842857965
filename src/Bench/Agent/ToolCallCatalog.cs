using Hl7.Fhir.Model;

namespace ClinicalAgent.Bench.Agent;

/// <summary>The calls a chat about one patient typically makes: each read tool with the arguments of a usual question.</summary>
internal static class ToolCallCatalog
{
    public static IEnumerable<ToolCall> For(Patient patient, string? documentId)
    {
        var id = patient.Id!;
        yield return Call("find_patients", ("family", patient.Name[0].Family), ("birthdate", patient.BirthDate));
        yield return Call("get_patient", ("patient_id", id));
        yield return Call("get_patient_overview", ("patient_id", id));
        yield return Call("get_observations", ("patient_id", id), ("code", "2823-3"), ("latest_only", true));
        yield return Call("get_observations", ("patient_id", id), ("code", "2823-3"));
        yield return Call("get_observations", ("patient_id", id), ("category", "vital-signs"), ("since", "30d"));
        yield return Call("get_observations", ("patient_id", id), ("category", "laboratory"), ("since", "90d"));
        yield return Call("get_conditions", ("patient_id", id));
        yield return Call("get_medications", ("patient_id", id));
        yield return Call("get_procedures", ("patient_id", id));
        yield return Call("get_allergies", ("patient_id", id));
        yield return Call("get_encounters", ("patient_id", id));
        yield return Call("get_immunizations", ("patient_id", id));
        yield return Call("get_documents", ("patient_id", id));
        if (documentId is not null)
            yield return Call("read_document", ("document_id", documentId));
    }

    private static ToolCall Call(string tool, params (string Name, object? Value)[] arguments) =>
        new(tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    /// <summary>A label that tells the calls of one tool apart in the report.</summary>
    public static string Label(ToolCall call) => call.Tool switch
    {
        "get_observations" when call.Arguments.ContainsKey("latest_only") => "get_observations (latest K)",
        "get_observations" when call.Arguments.ContainsKey("code") => "get_observations (all K)",
        "get_observations" => $"get_observations ({call.Arguments["category"]}, {call.Arguments["since"]})",
        _ => call.Tool,
    };
}
