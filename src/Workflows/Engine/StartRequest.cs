using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>How an instance is started: the patient, named inputs, what triggered it and its dedupe key.</summary>
/// <param name="PatientId">The patient id, if the workflow is about one.</param>
/// <param name="Inputs">Values for the workflow's declared <c>inputs</c>.</param>
/// <param name="Trigger">What started it (<c>kind</c>, and for FHIR events <c>type</c>, <c>id</c>, <c>version</c>, <c>reference</c>).</param>
/// <param name="TriggerKey">Unique per event: a second start with the same key returns the first instance.</param>
public sealed record StartRequest(string? PatientId = null, IReadOnlyDictionary<string, string>? Inputs = null, JsonObject? Trigger = null, string? TriggerKey = null);
