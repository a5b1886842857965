using ClinicalAgent.Mcp.Access;
using ClinicalAgent.Mcp.Prompts;
using ClinicalAgent.Mcp.Resources;
using ClinicalAgent.Mcp.Telemetry;
using ClinicalAgent.Mcp.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ClinicalAgent.Mcp.Hosting;

/// <summary>
/// The MCP server's content, the same on every transport: the agent's tools, patient summaries as resources, the
/// prompt files as prompts. Each request gets its caller from the transport and an Activity of its own.
/// </summary>
internal static class ClinicalMcpServerBuilderExtensions
{
    public static IServiceCollection AddClinicalMcpServer(this IServiceCollection services, IConfiguration configuration, McpTransport transport,
        Action<IMcpServerBuilder> transportSetup)
    {
        services.AddOptions<McpOptions>().Bind(configuration.GetSection(McpOptions.SectionName));
        services.TryAddSingleton(sp => new McpCallerSource(transport, sp));
        services.TryAddSingleton<ToolAccessGuard>();
        services.TryAddSingleton<McpToolInvoker>();
        services.TryAddSingleton<PatientSummaryResources>();
        services.TryAddSingleton<PromptCatalog>();
        var builder = services.AddMcpServer(options =>
        {
            options.ServerInfo = new Implementation { Name = "clinicalagent", Version = typeof(ClinicalMcpServerBuilderExtensions).Assembly.GetName().Version?.ToString() ?? "0" };
            options.ServerInstructions = "Tools read a patient's FHIR record and images and propose writes under the server's approval policy; cite the resource ids they return. patient://{id}/summary is a patient's chart at a glance.";
        });
        transportSetup(builder);
        var name = McpTransportName.Of(transport);
        builder
            .WithListToolsHandler((request, _) =>
            {
                using var activity = McpTelemetry.Start("tools/list", name);
                return ValueTask.FromResult(new ListToolsResult { Tools = request.Services!.GetRequiredService<McpToolInvoker>().List() });
            })
            .WithCallToolHandler(async (request, cancellationToken) =>
            {
                var tool = request.Params?.Name ?? throw new McpProtocolException("tools/call needs a tool name.", McpErrorCode.InvalidParams);
                using var activity = McpTelemetry.Start("tools/call", name, tool);
                var caller = request.Services!.GetRequiredService<McpCallerSource>().For(request.User);
                var outcome = await request.Services!.GetRequiredService<McpToolInvoker>()
                    .CallAsync(caller, tool, ToolArguments.ToToolArguments(request.Params.Arguments), cancellationToken).ConfigureAwait(false);
                if (outcome.ErrorType is { } error)
                    McpTelemetry.Fail(activity, error);
                return new CallToolResult { Content = [new TextContentBlock { Text = outcome.Text }], IsError = outcome.IsError };
            })
            .WithListResourcesHandler(async (request, cancellationToken) =>
            {
                using var activity = McpTelemetry.Start("resources/list", name);
                var caller = request.Services!.GetRequiredService<McpCallerSource>().For(request.User);
                return new ListResourcesResult { Resources = await request.Services!.GetRequiredService<PatientSummaryResources>().ListAsync(caller, cancellationToken).ConfigureAwait(false) };
            })
            .WithListResourceTemplatesHandler((_, _) =>
            {
                using var activity = McpTelemetry.Start("resources/templates/list", name);
                return ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [PatientSummaryResources.Template] });
            })
            .WithReadResourceHandler(async (request, cancellationToken) =>
            {
                using var activity = McpTelemetry.Start("resources/read", name, PatientSummaryResources.Template.Name);
                var caller = request.Services!.GetRequiredService<McpCallerSource>().For(request.User);
                try
                {
                    return await request.Services!.GetRequiredService<PatientSummaryResources>().ReadAsync(caller, request.Params?.Uri ?? "", cancellationToken).ConfigureAwait(false);
                }
                catch (McpProtocolException)
                {
                    McpTelemetry.Fail(activity, "resource_error");
                    throw;
                }
            })
            .WithListPromptsHandler((request, _) =>
            {
                using var activity = McpTelemetry.Start("prompts/list", name);
                return ValueTask.FromResult(new ListPromptsResult { Prompts = request.Services!.GetRequiredService<PromptCatalog>().List() });
            })
            .WithGetPromptHandler((request, _) =>
            {
                var prompt = request.Params?.Name ?? "";
                using var activity = McpTelemetry.Start("prompts/get", name, prompt);
                return ValueTask.FromResult(request.Services!.GetRequiredService<PromptCatalog>().Get(prompt, request.Params?.Arguments));
            });
        return services;
    }
}
