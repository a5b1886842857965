using System.Text.Json;

namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>A resource a v2 create tool was asked to POST, recorded for the grader instead of written.</summary>
/// <param name="ResourceType">Observation, MedicationRequest or ServiceRequest.</param>
/// <param name="Body">The POST body: the tool's arguments, as v2 sends them.</param>
public sealed record V2Create(string ResourceType, JsonElement Body);
