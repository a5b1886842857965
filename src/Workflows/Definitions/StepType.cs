namespace ClinicalAgent.Workflows.Definitions;

/// <summary>What a step does. YAML names: fhir_query, agent, condition, approval, fhir_write, notify, wait, tool.</summary>
public enum StepType
{
    FhirQuery,
    Agent,
    Condition,
    Approval,
    FhirWrite,
    Notify,
    Wait,

    /// <summary>Calls one clinical tool with templated arguments, no model choosing: output the tool's JSON result.</summary>
    Tool,
}
