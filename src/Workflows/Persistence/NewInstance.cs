using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>An instance to create. <paramref name="TriggerKey"/>, when set, makes the create idempotent per workflow.</summary>
public sealed record NewInstance(string Workflow, string FirstStep, JsonObject Variables, string? TriggerKey, string? PatientId);
