namespace ClinicalAgent.Telemetry;

/// <summary>The activity sources and meters collected: every library names its own under one prefix, so this
/// project subscribes to them without knowing the libraries.</summary>
internal static class TelemetrySources
{
    /// <summary>Every <c>ClinicalAgent.*</c> source and meter: Agent, Model, Fhir, Workflows, and the served endpoints
    /// (Web, CdsHooks, Mcp, ModelApi).</summary>
    public const string AllClinicalAgent = "ClinicalAgent.*";
}
