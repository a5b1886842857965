using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// <c>agent</c>: renders the prompt file as the question and runs the agent loop with only the tools the step
/// names. With <c>output</c> fields, the final answer must be a JSON object holding them (else the attempt fails
/// and is retried). Output: <c>{text, citations, stopped, ...fields}</c>; the journal gets the run's trace.
/// </summary>
internal sealed class AgentStepHandler : IStepHandler
{
    public StepType Type => StepType.Agent;

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var step = context.Step;
        var factory = context.Services.ChatClient
            ?? throw new StepFailedException($"Step '{step.Id}' needs a model, and this host has none configured (see 'clinicalagent model').");
        var question = Template.Render(PromptLibrary.Load(step.Prompt!), context.Scope);
        var tools = context.Services.Tools().Where(t => step.Tools.Contains(t.Name)).ToList();
        var runner = new ClinicalAgentRunner(factory());
        var options = new AgentRunOptions
        {
            PatientId = context.PatientId,
            MaxSteps = step.MaxSteps ?? new AgentRunOptions().MaxSteps,
        };
        var answer = await runner.AskAsync(question, tools, options, cancellationToken).ConfigureAwait(false);
        if (answer.StoppedReason == AgentStoppedReason.Cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var output = new JsonObject
        {
            ["text"] = answer.Text,
            ["citations"] = new JsonArray([.. answer.Citations.Select(c => (JsonNode?)JsonValue.Create(c))]),
            ["stopped"] = AgentTraceWriter.Spell(answer.StoppedReason),
        };
        if (step.Output.Count > 0)
        {
            var fields = StructuredAnswer(answer.Text, step);
            foreach (var name in step.Output)
            {
                output[name] = fields[name]?.DeepClone();
            }
        }

        // The trace holds tool names, arguments (ids), sizes and timings; the answer text stays in the variables only.
        var trace = AgentTraceWriter.ToJsonNode(answer.Trace);
        return new StepResult(output)
        {
            Detail = new JsonObject
            {
                ["stopped"] = AgentTraceWriter.Spell(answer.StoppedReason),
                ["citations"] = output["citations"]!.DeepClone(),
                ["trace"] = trace,
            },
        };
    }

    private static JsonObject StructuredAnswer(string text, StepDefinition step)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        JsonObject? json = null;
        if (start >= 0 && end > start)
        {
            try
            {
                json = JsonNode.Parse(text[start..(end + 1)]) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }
        }

        if (json is null)
        {
            throw new StepFailedException($"Step '{step.Id}': the answer is not a JSON object with {string.Join(", ", step.Output)}.");
        }

        var missing = step.Output.Where(f => !json.ContainsKey(f)).ToList();
        return missing.Count == 0
            ? json
            : throw new StepFailedException($"Step '{step.Id}': the answer lacks {string.Join(", ", missing)}.");
    }
}
