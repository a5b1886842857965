using System.CommandLine;
using ClinicalAgent.Agent.Loop;

namespace ClinicalAgent.Cli.Commands;

/// <summary>The agent-loop options <c>ask</c> and <c>chat</c> share: the patient in context, the step limit and a first tool call.</summary>
public sealed class AgentOptionSet
{
    private readonly Option<string?> _patient = new("--patient") { Description = "The Patient id the questions are about." };
    private readonly Option<int?> _maxSteps = new("--max-steps") { Description = "Most model calls per question before giving up (default 8)." };
    private readonly Option<bool> _requireTool = new("--require-tool") { Description = "Make the model's first reply to a question a tool call, so it reads the record before answering." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_patient);
        command.Options.Add(_maxSteps);
        command.Options.Add(_requireTool);
    }

    /// <summary>The run options the command line asks for, its <c>--patient</c> checked to exist in <paramref name="gateway"/>.</summary>
    /// <exception cref="Fhir.FhirGatewayException">No such patient (404), so a mistyped id fails before the model runs.</exception>
    public async Task<AgentRunOptions> ReadCheckedAsync(ParseResult parse, Fhir.IFhirGateway gateway, CancellationToken cancellationToken)
    {
        var options = Read(parse);
        if (options.PatientId is { } patientId)
            await gateway.ReadAsync("Patient", patientId, cancellationToken).ConfigureAwait(false);
        return options;
    }

    /// <summary>The run options the command line asks for.</summary>
    public AgentRunOptions Read(ParseResult parse) => new()
    {
        PatientId = parse.GetValue(_patient),
        MaxSteps = parse.GetValue(_maxSteps) ?? new AgentRunOptions().MaxSteps,
        RequireToolFirst = parse.GetValue(_requireTool),
    };
}
