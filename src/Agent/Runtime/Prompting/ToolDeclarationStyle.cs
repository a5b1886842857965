namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>How the tools are declared to the model in its prompt (<c>Agent:ToolDeclarations</c>). The grammar that
/// constrains the model's calls is built from the full JSON Schemas either way.</summary>
public enum ToolDeclarationStyle
{
    /// <summary>One signature per tool (<c>get_observations(patient_id, code?, limit?: int 1..1000)</c>), each
    /// description said once, parameters several tools share described once: about a third of the JSON's tokens.</summary>
    Compact,

    /// <summary>One JSON object per tool: name, description and the full JSON Schema of its arguments.</summary>
    Json,
}
