using System.Diagnostics;

namespace ClinicalAgent.Mcp.Telemetry;

/// <summary>
/// One Activity per MCP request, from <see cref="SourceName"/>: the method, and the tool, prompt or resource kind it
/// names. Ids only: never an argument's value, a patient id or a result.
/// </summary>
internal static class McpTelemetry
{
    /// <summary>The ActivitySource's name (the telemetry helper listens to <c>ClinicalAgent.*</c>).</summary>
    public const string SourceName = "ClinicalAgent.Mcp";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the Activity of one request; null when nobody listens.</summary>
    public static Activity? Start(string method, McpTransportName transport, string? target = null)
    {
        var activity = Source.StartActivity(target is null ? method : $"{method} {target}", ActivityKind.Server);
        if (activity is null)
            return null;
        activity.SetTag("mcp.method.name", method);
        activity.SetTag("network.transport", transport.Value);
        if (target is not null)
            activity.SetTag(method == "tools/call" ? "gen_ai.tool.name" : "mcp.target", target);
        return activity;
    }

    /// <summary>Marks the request as failed with a short error type (<c>forbidden</c>, <c>tool_error</c>), never a message.</summary>
    public static void Fail(Activity? activity, string errorType)
    {
        activity?.SetTag("error.type", errorType);
        activity?.SetStatus(ActivityStatusCode.Error);
    }
}
