using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Mcp.Access;
using ClinicalAgent.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ClinicalAgent.Mcp.Tools;

/// <summary>
/// The agent's own tools (<see cref="ClinicalToolbox.Functions"/>) as MCP tools: the same names, descriptions and JSON
/// schemas the model sees, each call checked against the caller's token (<see cref="ToolAccessGuard"/>), run as the
/// caller (its audit rows name them), writes under the configured approval policy like any other call.
/// </summary>
internal sealed partial class McpToolInvoker(ClinicalToolbox toolbox, ToolAccessGuard guard, IServiceProvider services, ILogger<McpToolInvoker> logger)
{
    private static readonly HashSet<string> WriteTools = new(StringComparer.Ordinal) { "record_vital_sign", "order_medication", "order_service", "create_note" };

    /// <summary>The tools as <c>tools/list</c> gives them.</summary>
    public IList<Tool> List() =>
        [.. toolbox.Functions.Select(f => new Tool { Name = f.Name, Description = f.Description, InputSchema = f.JsonSchema })];

    /// <summary>Calls tool <paramref name="name"/> for <paramref name="caller"/>.</summary>
    /// <exception cref="McpProtocolException">No tool has that name (invalid params, as the MCP spec says).</exception>
    public async Task<ToolOutcome> CallAsync(McpCaller caller, string name, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        if (!toolbox.Functions.Any(f => f.Name == name))
            throw new McpProtocolException($"Unknown tool: '{Shorten(name)}'.", McpErrorCode.InvalidParams);

        if (await guard.RefusalAsync(caller, name, arguments, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            Refused(logger, name, caller.Actor.Display);
            await RecordRefusalAsync(caller, name, arguments).ConfigureAwait(false);
            return new ToolOutcome(refusal, "forbidden");
        }

        using (AuditActorScope.Begin(caller.Actor, caller.ClientId))
        {
            string text;
            try
            {
                text = await toolbox.CallAsync(name, arguments, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or Microsoft.SemanticKernel.KernelException or System.Text.Json.JsonException)
            {
                // Argument binding: the message names the parameter, never a record's content.
                ArgumentsRejected(logger, name, ex.GetType().Name);
                return new ToolOutcome(FirstLine(ex.Message), "invalid_arguments");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Crashed(logger, name, ex);
                return new ToolOutcome($"{name} failed on the server; its log says why.", "exception");
            }

            return ToolErrorText.MessageOf(text) is { } message ? new ToolOutcome(message, "tool_error") : new ToolOutcome(text, null);
        }
    }

    // A refused call reads nothing, but who tried to reach whom is what an auditor looks for.
    private async Task RecordRefusalAsync(McpCaller caller, string name, IReadOnlyDictionary<string, object?> arguments)
    {
        if (services.GetService<IAuditSink>() is not { } sink)
            return;
        var record = new AuditRecord(AuditKind.ToolCall, name, WriteTools.Contains(name) ? AuditAction.Execute : AuditAction.Read, AuditOutcome.MinorFailure)
        {
            Actor = caller.Actor,
            ClientId = caller.ClientId,
            PatientId = ToolArguments.PatientId(arguments),
            OutcomeDetail = "403",
        };
        await sink.RecordAsync(record, CancellationToken.None).ConfigureAwait(false);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP tool {Tool} refused to {Caller}")]
    private static partial void Refused(ILogger logger, string tool, string? caller);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP tool {Tool} rejected its arguments ({Exception})")]
    private static partial void ArgumentsRejected(ILogger logger, string tool, string exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "MCP tool {Tool} failed")]
    private static partial void Crashed(ILogger logger, string tool, Exception exception);
}
