using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>
/// The body of <c>POST /workflows/{name}/start</c>, checked before anything starts: a JSON object with an optional
/// <c>patient</c> (a FHIR id) and optional <c>inputs</c> (names to text, numbers or booleans), nothing else. Errors
/// say what shape is expected and never echo the input.
/// </summary>
/// <param name="Patient">The patient's id, or null.</param>
/// <param name="Inputs">The inputs as text, or null.</param>
internal sealed partial record StartBody(string? Patient, Dictionary<string, string>? Inputs)
{
    private const string Shape = """{"patient": "S1234567", "inputs": {"name": "value"}}""";

    /// <summary>The body, or the reason it cannot start anything.</summary>
    public static async Task<(StartBody? Body, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Chunked bodies have no length; only an explicit zero length or no content type means none.
        if (request.ContentLength == 0 || request.ContentType is null)
        {
            return (new StartBody(null, null), null);
        }

        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return (null, $"The body is not JSON; send {Shape}.");
        }

        if (node is null)
        {
            return (new StartBody(null, null), null);
        }

        if (node is not JsonObject body)
        {
            return (null, $"The body must be a JSON object: {Shape}.");
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => k is not ("patient" or "inputs")) is { } unknown)
        {
            return (null, $"The body has a field '{Shorten(unknown)}' a start does not take; send {Shape}.");
        }

        string? patient = null;
        if (body["patient"] is { } patientNode)
        {
            if (patientNode.GetValueKind() != JsonValueKind.String || !FhirId().IsMatch(patientNode.GetValue<string>()))
            {
                return (null, "patient must be a patient's id: text of 1-64 letters, digits, '-' or '.', such as \"S1234567\".");
            }

            patient = patientNode.GetValue<string>();
        }

        Dictionary<string, string>? inputs = null;
        if (body["inputs"] is { } inputsNode)
        {
            if (inputsNode is not JsonObject values)
            {
                return (null, "inputs must be an object of names to values: {\"reason\": \"…\"}.");
            }

            inputs = [];
            foreach (var (name, value) in values)
            {
                if (value is null || value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                {
                    return (null, $"Input '{Shorten(name)}' must be text, a number or true/false.");
                }

                inputs[name] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }
        }

        return (new StartBody(patient, inputs), null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[A-Za-z0-9\\-.]{1,64}$")]
    private static partial Regex FhirId();
}
