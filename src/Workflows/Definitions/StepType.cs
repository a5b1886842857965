namespace ClinicalAgent.Workflows.Definitions;

/// <summary>What a step does. YAML names: fhir_query, agent, condition, approval, fhir_write, notify, wait.</summary>
public enum StepType
{
    FhirQuery,
    Agent,
    Condition,
    Approval,
    FhirWrite,
    Notify,
    Wait,
}
