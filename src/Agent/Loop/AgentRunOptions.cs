using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>Settings of one agent run: limits, the patient in context and sampling.</summary>
public sealed class AgentRunOptions
{
    /// <summary>The most model calls one question may take; the run stops with
    /// <see cref="AgentStoppedReason.StepLimit"/> when the last one still asks for tools. Default 8.</summary>
    public int MaxSteps { get; set; } = 8;

    /// <summary>The patient the question is about (a FHIR Patient id), added to the system prompt; null for none.</summary>
    public string? PatientId { get; set; }

    /// <summary>The system prompt file in <c>prompts/</c>. Default <c>clinical-agent</c>.</summary>
    public string SystemPrompt { get; set; } = "clinical-agent";

    /// <summary>Whether the first model call must call a tool (<see cref="ChatToolMode.RequireAny"/>), so a small
    /// model looks at the record before it answers; later calls are <see cref="ChatToolMode.Auto"/>. Default false.</summary>
    public bool RequireToolFirst { get; set; }

    /// <summary>Sampling settings (temperature, seed, output tokens) copied into every model call;
    /// the runner sets <see cref="ChatOptions.Tools"/> and <see cref="ChatOptions.ToolMode"/> itself.</summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>A tool whose successful call is the final answer (MedAgentBench v2's <c>finish</c>): the run ends there
    /// with <see cref="AgentStoppedReason.Answered"/> and the tool's result as the answer text. Null (default): only a
    /// reply without tool calls ends a run.</summary>
    public string? AnswerTool { get; set; }

    /// <summary>A copy, so a per-call change never leaks into the registered defaults.</summary>
    internal AgentRunOptions Clone() => new()
    {
        MaxSteps = MaxSteps,
        PatientId = PatientId,
        RequireToolFirst = RequireToolFirst,
        SystemPrompt = SystemPrompt,
        ChatOptions = ChatOptions?.Clone(),
        AnswerTool = AnswerTool,
    };
}
