using System.Text.Json;
using ClinicalAgent.Tools;
using ClinicalAgent.Web.Sessions;

namespace ClinicalAgent.Web.Records;

/// <summary>
/// The record as the pages show it, read through the agent's own tools (<c>find_patients</c>,
/// <c>get_patient_overview</c>, <c>list_images</c>) of the session's records (<see cref="SessionRecords"/>), so a value,
/// unit, date and status read exactly as the agent sees them, and each read is audited as the signed-in person's.
/// </summary>
internal static class RecordTools
{
    /// <summary>Calls <paramref name="tool"/> for <paramref name="person"/>; the result's JSON, or the tool's error message.</summary>
    public static async Task<(JsonElement? Result, string? Error)> CallAsync(ClinicalToolbox toolbox, WebPerson person, string tool, IDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        using var actor = Fhir.Audit.AuditActorScope.Begin(person.AuditActor);
        var text = await toolbox.CallAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            ? (null, error.GetString())
            : (json, null);
    }
}
