using System.CommandLine;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.Mcp;
using Microsoft.Extensions.Hosting;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>mcp</c>: the MCP server over stdio, for agent clients that start it as a child process. Stdout carries only
/// JSON-RPC; messages and logs go to stderr. Calls act for the OS user, as every CLI command does.
/// </summary>
public static class McpCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = new ModelOptionSet();
        var writes = new WriteApprovalOptionSet();
        var command = new Command("mcp", "Serve the record and image tools, patient summaries and prompts over MCP (stdio).");
        model.AddTo(command);
        writes.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            CliHost.Configure(builder.Configuration, builder.Logging, builder.Services, context,
                context.Settings(parse).Concat(model.Settings(parse)).Concat(writes.Settings(parse)));
            builder.Services.AddMcpStdioServer(builder.Configuration);
            using var app = builder.Build();
            await using var host = CliHost.Over(app.Services, context);
            await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"MCP server on stdio ({host.RecordsName}). The client ends it by closing stdin.").ConfigureAwait(false);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
