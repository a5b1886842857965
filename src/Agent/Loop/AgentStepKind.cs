namespace ClinicalAgent.Agent.Loop;

/// <summary>What a trace step was.</summary>
public enum AgentStepKind
{
    /// <summary>One call to the chat model.</summary>
    Model,

    /// <summary>One tool call the model asked for (executed or refused).</summary>
    Tool,
}
