using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>
/// The loop's spans in the OpenTelemetry GenAI conventions: <c>invoke_agent {agent}</c> around a turn and
/// <c>execute_tool {tool}</c> around a tool call (the model's <c>chat {model}</c> spans come from the chat client's
/// telemetry decorator). Attributes carry names, ids, counts and settings only: never a question, an answer, a tool's
/// arguments or its result, nor an error's message, all of which may quote a record.
/// </summary>
internal static class AgentTelemetry
{
    /// <summary>The activity source of the loop, one of the <c>ClinicalAgent.*</c> sources the telemetry subscribes to.</summary>
    public const string SourceName = "ClinicalAgent.Agent";

    private static readonly ActivitySource Source = new(SourceName, typeof(AgentTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>A span for one turn, or null when nobody listens (then nothing else is computed).</summary>
    public static Activity? StartInvokeAgent(string agentName, string conversationId, IChatClient client, ChatOptions? options)
    {
        var activity = Source.StartActivity($"invoke_agent {agentName}", ActivityKind.Internal);
        if (activity is null || !activity.IsAllDataRequested)
            return activity;

        var metadata = client.GetService<ChatClientMetadata>();
        activity.SetTag("gen_ai.operation.name", "invoke_agent")
            .SetTag("gen_ai.agent.name", agentName)
            .SetTag("gen_ai.conversation.id", conversationId)
            .SetTag("gen_ai.provider.name", metadata?.ProviderName)
            .SetTag("gen_ai.request.model", options?.ModelId ?? metadata?.DefaultModelId)
            .SetTag("gen_ai.request.temperature", options?.Temperature)
            .SetTag("gen_ai.request.max_tokens", options?.MaxOutputTokens);
        return activity;
    }

    /// <summary>Closes a turn's span with how it ended and the tokens of all its model calls.</summary>
    public static void TurnEnded(Activity? activity, AgentStoppedReason reason, int modelCalls, long? inputTokens, long? outputTokens)
    {
        if (activity is null || !activity.IsAllDataRequested)
            return;
        activity.SetTag("gen_ai.usage.input_tokens", inputTokens)
            .SetTag("gen_ai.usage.output_tokens", outputTokens)
            .SetTag("clinicalagent.agent.stop_reason", reason.ToString())
            .SetTag("clinicalagent.agent.model_calls", modelCalls);
    }

    /// <summary>A span for one tool call. The name is the model's until the tool is known, so an unknown one is not named.</summary>
    public static Activity? StartExecuteTool(AIFunction? tool, string callId)
    {
        var activity = Source.StartActivity(tool is null ? "execute_tool" : $"execute_tool {tool.Name}", ActivityKind.Internal);
        if (activity is null || !activity.IsAllDataRequested)
            return activity;
        activity.SetTag("gen_ai.operation.name", "execute_tool")
            .SetTag("gen_ai.tool.name", tool?.Name)
            .SetTag("gen_ai.tool.type", "function")
            .SetTag("gen_ai.tool.call.id", callId);
        return activity;
    }

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="errorType"/> (a class of failure, never its message).</summary>
    public static void Failed(Activity? activity, string errorType)
    {
        if (activity is null)
            return;
        activity.SetTag("error.type", errorType);
        activity.SetStatus(ActivityStatusCode.Error);
    }
}
