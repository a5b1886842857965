using System.CommandLine;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Cli.Chat;
using ClinicalAgent.Tools;

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
            var approval = writes.Read(parse);
            using var chatModel = model.Create(parse);
            using var store = await context.OpenStoreAsync(parse, seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var options = await agent.ReadCheckedAsync(parse, store, cancellationToken).ConfigureAwait(false);
            using var tools = new ClinicalToolbox(store, o => o.WriteApproval = approval);
            var session = new ChatSession(context, new ClinicalAgentRunner(chatModel.Client), tools, store, options);

            // Ctrl+C while an answer is being written cancels that answer; at the prompt it ends the program as usual.
            ConsoleCancelEventHandler onCancel = (_, e) => e.Cancel = session.CancelTurn();
            Console.CancelKeyPress += onCancel;
            try
            {
                return await session.RunAsync(chatModel.Name, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }
}
