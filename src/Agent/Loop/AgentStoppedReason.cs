namespace ClinicalAgent.Agent.Loop;

/// <summary>Why an agent run ended.</summary>
public enum AgentStoppedReason
{
    /// <summary>The model gave a final text answer.</summary>
    Answered,

    /// <summary><see cref="AgentRunOptions.MaxSteps"/> model calls were made without a final answer.</summary>
    StepLimit,

    /// <summary>The model asked for the same tool with the same arguments a fourth time.</summary>
    RepeatedCalls,

    /// <summary>The caller's cancellation token was cancelled.</summary>
    Cancelled,

    /// <summary>A reply hit the output token limit before it was complete (a cut-off tool call or answer).</summary>
    Truncated,
}
