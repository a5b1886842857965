using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>ask</c>: one question answered by the agent loop over the local model, with the FHIR read tools on the
/// store (seeded with synthetic patients when there is none yet). Prints the answer, then its citations and a
/// summary of the run on the error stream; <c>--trace</c> writes the whole trace as JSON.
/// </summary>
public static class AskCommand
{
    public static Command Create(CliContext context)
    {
        var modelOptions = new ModelOptionSet();
        var question = new Argument<string>("question") { Description = "The question about the record." };
        var patient = new Option<string?>("--patient") { Description = "The Patient id the question is about." };
        var trace = new Option<string?>("--trace") { Description = "Write the run's trace as JSON to this file." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Most model calls before giving up (default 8)." };
        var requireTool = new Option<bool>("--require-tool") { Description = "Make the model's first reply a tool call, so it reads the record before answering." };
        var command = new Command("ask", "Ask a question of the patient records; the local model answers using the FHIR tools and cites resource ids.")
        {
            question, patient, trace, maxSteps, requireTool,
        };
        modelOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            // The model first: without one there is nothing to do, so say how to get one before touching the store.
            var options = modelOptions.Read(parse);
            using var store = await context.OpenStoreAsync(parse, seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            using var toolHost = new ClinicalToolHost(store);
            var tools = toolHost.Functions;

            using var client = new LocalChatClient(new LocalModel(Options.Create(options)), new GemmaPromptFormatter(), ownsModel: true);
            var runner = new ClinicalAgentRunner(client);
            var run = new AgentRunOptions
            {
                PatientId = parse.GetValue(patient),
                MaxSteps = parse.GetValue(maxSteps) ?? new AgentRunOptions().MaxSteps,
                RequireToolFirst = parse.GetValue(requireTool),
            };
            var answer = await runner.AskAsync(parse.GetValue(question)!, tools, run, cancellationToken).ConfigureAwait(false);

            await context.Output.WriteLineAsync(answer.Text).ConfigureAwait(false);
            if (answer.Citations.Count > 0)
                await context.Error.WriteLineAsync($"Cited: {string.Join(", ", answer.Citations)}").ConfigureAwait(false);
            var toolCalls = answer.Trace.Count(s => s.Kind == AgentStepKind.Tool);
            var modelCalls = answer.Trace.Count(s => s.Kind == AgentStepKind.Model);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{answer.StoppedReason}: {modelCalls} model calls, {toolCalls} tool calls ({Path.GetFileName(options.ModelPath)}).")).ConfigureAwait(false);
            if (parse.GetValue(trace) is { Length: > 0 } tracePath)
            {
                AgentTraceWriter.WriteJson(answer, tracePath);
                await context.Error.WriteLineAsync($"Trace written to {Path.GetFullPath(tracePath)}.").ConfigureAwait(false);
            }

            return answer.StoppedReason == AgentStoppedReason.Answered ? 0 : 2;
        }));
        return command;
    }
}
