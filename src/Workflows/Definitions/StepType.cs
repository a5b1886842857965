namespace ClinicalAgent.Workflows.Definitions;

/// <summary>What a step does. YAML names: fhir_query, agent, condition, approval, fhir_write, notify, wait, tool, card.</summary>
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

    /// <summary>Renders one CDS Hooks card from a template (a service's answer); output the card's JSON.</summary>
    Card,
}
