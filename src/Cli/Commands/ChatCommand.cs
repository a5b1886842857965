using System.CommandLine;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Cli.Chat;
using ClinicalAgent.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>chat</c>: a conversation with the agent over the store, line by line, with streamed answers, tool steps as
/// they run, <c>/patient</c>, <c>/trace</c> and, with <c>--writes ask</c>, <c>/approve</c> and <c>/reject</c>.
/// </summary>
public static class ChatCommand
{
    public static Command Create(CliContext context)
    {
        var model = new ChatModelOptionSet();
        var writes = new WriteApprovalOptionSet();
        var agent = new AgentOptionSet();
        var command = new Command("chat", "Talk with the agent about patient records: streamed answers, /patient, /trace, /approve, /reject; Ctrl+C cancels an answer.");
        agent.AddTo(command);
        model.AddTo(command);
        writes.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            writes.Read(parse);
            await using var host = context.BuildHost(parse, model.Settings(parse), writes.Settings(parse));
            host.ChatClient();
            var records = await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var options = await agent.ReadCheckedAsync(parse, records, cancellationToken).ConfigureAwait(false);
            var session = new ChatSession(context, host.Services.GetRequiredService<ClinicalAgentRunner>(),
                host.Services.GetRequiredService<ClinicalToolbox>(), host.Services.GetRequiredService<ClinicalToolset>(), records, options);

            // Ctrl+C while an answer is being written cancels that answer; at the prompt it ends the program as usual.
            ConsoleCancelEventHandler onCancel = (_, e) => e.Cancel = session.CancelTurn();
            Console.CancelKeyPress += onCancel;
            try
            {
                return await session.RunAsync(host.ModelName, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }
}
