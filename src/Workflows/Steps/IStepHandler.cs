using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>Runs one type of step. Throwing fails the attempt (retried with backoff); a result finishes the step.</summary>
public interface IStepHandler
{
    StepType Type { get; }

    Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}
