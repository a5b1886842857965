using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>ask</c>: one question answered by the agent loop over the model, with the FHIR tools on the store (seeded with
/// synthetic patients when there is none yet). Prints the answer, then its citations and a summary of the run on the
/// error stream; <c>--trace</c> writes the whole trace as JSON. Writes follow <c>--writes</c>: with <c>ask</c>, each
/// proposal is shown whole after the answer and written only if the user types y.
/// </summary>
public static class AskCommand
{
    public static Command Create(CliContext context)
    {
        var model = new ChatModelOptionSet();
        var writes = new WriteApprovalOptionSet();
        var question = new Argument<string>("question") { Description = "The question about the record." };
        var agent = new AgentOptionSet();
        var trace = new Option<string?>("--trace") { Description = "Write the run's trace as JSON to this file." };
        var command = new Command("ask", "Ask a question of the patient records; the model answers using the FHIR tools and cites resource ids.")
        {
            question, trace,
        };
        agent.AddTo(command);
        model.AddTo(command);
        writes.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var approval = writes.Read(parse);
            await using var host = context.BuildHost(parse, model.Settings(parse), writes.Settings(parse));
            // The model first: without one there is nothing to do, so say how to get one before touching the store.
            host.ChatClient();
            var records = await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var run = await agent.ReadCheckedAsync(parse, records, cancellationToken).ConfigureAwait(false);
            var tools = host.Services.GetRequiredService<ClinicalToolbox>();
            var toolset = host.Services.GetRequiredService<ClinicalToolset>();

            var runner = host.Services.GetRequiredService<ClinicalAgentRunner>();
            var answer = await runner.AskAsync(parse.GetValue(question)!, toolset.Functions, run, cancellationToken).ConfigureAwait(false);

            await context.Output.WriteLineAsync(answer.Text).ConfigureAwait(false);
            if (answer.Citations.Count > 0)
                await context.Error.WriteLineAsync($"Cited: {string.Join(", ", answer.Citations)}").ConfigureAwait(false);
            var toolCalls = answer.Trace.Count(s => s.Kind == AgentStepKind.Tool);
            var modelCalls = answer.Trace.Count(s => s.Kind == AgentStepKind.Model);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{answer.StoppedReason}: {modelCalls} model calls, {toolCalls} tool calls ({host.ModelName}).")).ConfigureAwait(false);
            if (parse.GetValue(trace) is { Length: > 0 } tracePath)
            {
                AgentTraceWriter.WriteJson(answer, tracePath);
                await context.Error.WriteLineAsync($"Trace written to {Path.GetFullPath(tracePath)}.").ConfigureAwait(false);
            }

            if (approval == ApprovalMode.Ask)
                await DecideAsync(context, tools.Approvals, cancellationToken).ConfigureAwait(false);
            return answer.StoppedReason == AgentStoppedReason.Answered ? 0 : 2;
        }));
        return command;
    }

    // Each proposal is shown whole and written only on an explicit "y"; anything else, or no input, rejects it.
    private static async Task DecideAsync(CliContext context, QueuedApprovalPolicy approvals, CancellationToken cancellationToken)
    {
        var desk = new ApprovalDesk(approvals, context.Error);
        foreach (var pending in approvals.Pending)
        {
            await desk.ShowAsync(pending, "Write it to the record? [y/N] ").ConfigureAwait(false);
            var reply = await context.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.Equals(reply?.Trim(), "y", StringComparison.OrdinalIgnoreCase) || string.Equals(reply?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
                await desk.ApproveAsync(pending.Id, cancellationToken).ConfigureAwait(false);
            else
                await desk.RejectAsync(pending.Id, reply is null ? "no answer" : "declined").ConfigureAwait(false);
        }
    }
}
