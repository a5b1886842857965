using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// A FHIR OperationOutcome with one error issue, written without the FHIR SDK: these refusals happen before any
/// endpoint runs, and this project knows no FHIR model.
/// </summary>
internal static class OutcomeResponse
{
    public const string MediaType = "application/fhir+json; charset=utf-8";

    /// <summary>Answers <paramref name="status"/> with an OperationOutcome of issue code <paramref name="code"/>.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "OperationOutcome");
            json.WriteStartArray("issue");
            json.WriteStartObject();
            json.WriteString("severity", "error");
            json.WriteString("code", code);
            json.WriteString("diagnostics", text);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
