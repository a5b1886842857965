namespace ClinicalAgent.Agent.Loop;

/// <summary>
/// Watches one turn while it runs, for a host that shows progress (the <c>chat</c> REPL): the answer as it
/// streams and each step as it completes. The callbacks run on the turn's own flow, in order; keep them quick.
/// </summary>
public sealed class AgentTurnObserver
{
    /// <summary>A piece of the model's reply text as it is generated. Set it and the turn streams the model.</summary>
    public Action<string>? AnswerText { get; init; }

    /// <summary>A model or tool step that just finished (sizes and timings, no record text).</summary>
    public Action<AgentStep>? StepCompleted { get; init; }
}
