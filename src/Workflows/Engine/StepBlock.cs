namespace ClinicalAgent.Workflows.Engine;

/// <summary>Whether a step lets the instance go on, or parks it.</summary>
public enum StepBlock
{
    None,

    /// <summary>The instance waits for a person to approve or reject.</summary>
    Approval,
}
