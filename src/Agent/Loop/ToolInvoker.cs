using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Validation;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>Runs one tool call and turns every failure into a result the model can read.</summary>
internal static class ToolInvoker
{
    /// <summary>
    /// The <c>AIFunctionArguments.Context</c> key of the resource ids the run's tools returned so far: the write tools
    /// name them as their Provenance's sources. The tools project spells the same key (they do not reference each other).
    /// </summary>
    public const string ReturnedIdsKey = "clinicalagent.returned_ids";

    /// <summary>Runs <paramref name="call"/> inside an <c>execute_tool</c> span; a failed outcome marks the span failed by its kind.</summary>
    public static async Task<ToolOutcome> InvokeAsync(
        FunctionCallContent call, IReadOnlyDictionary<string, AIFunction> tools, IReadOnlyCollection<string> returnedIds,
        CancellationToken cancellationToken)
    {
        var function = tools.GetValueOrDefault(call.Name);
        using var activity = AgentTelemetry.StartExecuteTool(function, call.CallId);
        var outcome = await InvokeCoreAsync(call, function, tools, returnedIds, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is not null)
        {
            AgentTelemetry.Failed(activity, outcome switch
            {
                { SchemaViolation: true } => "invalid_arguments",
                { Executed: false } => "unknown_tool",
                _ => outcome.Result.Exception?.GetType().FullName ?? "tool_error",
            });
        }

        return outcome;
    }

    private static async Task<ToolOutcome> InvokeCoreAsync(
        FunctionCallContent call, AIFunction? function, IReadOnlyDictionary<string, AIFunction> tools, IReadOnlyCollection<string> returnedIds,
        CancellationToken cancellationToken)
    {
        if (function is null)
        {
            var known = tools.Count == 0 ? "none" : string.Join(", ", tools.Keys.Order(StringComparer.Ordinal));
            return Failed(call, $"Unknown tool '{call.Name}'. Available tools: {known}.", executed: false);
        }

        // A call that breaks its schema never reaches the tool; the model is told which argument and rule.
        var violations = ToolCallValidator.Validate(function, call.Arguments);
        if (violations.Count > 0)
        {
            var message = $"Invalid arguments for {call.Name}, so it was not run: {string.Join("; ", violations.Select(v => v.Message))}.";
            return Failed(call, message, executed: false) with { SchemaViolation = true };
        }

        object? value;
        try
        {
            var arguments = new AIFunctionArguments(call.Arguments)
            {
                Context = new Dictionary<object, object?> { [ReturnedIdsKey] = returnedIds.ToArray() },
            };
            value = await function.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Any tool failure (bad arguments, a store error) is information for the model, not a crash.
            return Failed(call, $"{ex.GetType().Name}: {ex.Message}", executed: true, ex);
        }

        return new ToolOutcome(new FunctionResultContent(call.CallId, value), Text(value), Executed: true, Error: null);
    }

    /// <summary>A result that tells the model about <paramref name="message"/> as <c>{"error": "..."}</c>.</summary>
    public static ToolOutcome Failed(FunctionCallContent call, string message, bool executed, Exception? exception = null)
    {
        var error = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["error"] = message });
        var result = new FunctionResultContent(call.CallId, error) { Exception = exception };
        return new ToolOutcome(result, error.GetRawText(), executed, message);
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        string text => text,
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
        _ => SerializeOrDescribe(value),
    };

    private static string SerializeOrDescribe(object value)
    {
        try
        {
            return JsonSerializer.Serialize(value, CompactJson.Options);
        }
        catch (NotSupportedException)
        {
            return value.ToString() ?? string.Empty;
        }
    }
}
