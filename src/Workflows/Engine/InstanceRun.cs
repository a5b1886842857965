using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Expressions;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Steps;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>
/// One run of an instance from its checkpointed step until it ends, fails or parks: the definition's steps from
/// there are compiled into a framework workflow (executor id = step id, an edge per possible hand-over), and each
/// executor's step is checkpointed in one SQLite transaction before the token moves on.
/// </summary>
internal sealed partial class InstanceRun(
    WorkflowDefinition definition,
    WorkflowInstance instance,
    IWorkflowStore store,
    WorkflowServices services,
    StepHandlers handlers,
    Action<StepStarted>? onStepStarted,
    ILogger logger)
{
    private readonly JsonObject _variables = (JsonObject)instance.Variables.DeepClone();
    private WorkflowInstance _instance = instance;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var activity = WorkflowTelemetry.StartRun(definition.Name, _instance.Id, _instance.CurrentStep);
        var workflow = Compile(_instance.CurrentStep!);
        await using var run = await InProcessExecution.RunAsync(workflow, new StepToken(_instance.Id, _instance.CurrentStep), cancellationToken: cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        // Step errors are handled (retried, then checkpointed as failed) inside the executors; what surfaces here is a fault of the run itself.
        var fault = run.OutgoingEvents.OfType<ExecutorFailedEvent>().Select(e => e.Data).Concat(run.OutgoingEvents.OfType<WorkflowErrorEvent>().Select(e => e.Exception)).FirstOrDefault(e => e is not null);
        if (fault is not null)
        {
            WorkflowTelemetry.RunFailed(activity, fault);
            if (fault is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            await store.CheckpointAsync(new StepCheckpoint(_instance.Id, InstanceStatus.Failed, _instance.CurrentStep, _variables, false)
            {
                Error = fault.Message,
                Journal = [(_instance.CurrentStep, "failed", new JsonObject { ["error"] = fault.Message })],
            }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one step with retries and checkpoints it; returns the next step id, or null when the run stops here.</summary>
    public async Task<string?> ExecuteStepAsync(string stepId, CancellationToken cancellationToken)
    {
        var step = definition.Step(stepId);
        var handler = handlers.For(step.Type);
        using var activity = WorkflowTelemetry.StartStep(definition.Name, _instance.Id, stepId, step.Type);
        onStepStarted?.Invoke(new StepStarted(_instance.Id, definition.Name, stepId, _instance.StepsDone, services.Time.GetUtcNow()));
        await store.AddJournalAsync(_instance.Id, stepId, "step_started", new JsonObject { ["type"] = step.Type.ToString() }, cancellationToken).ConfigureAwait(false);
        LogStep(_instance.Id, definition.Name, stepId);

        StepResult? result = null;
        var attempts = 0;
        for (var attempt = 1; result is null; attempt++)
        {
            attempts = attempt;
            try
            {
                var scope = new VariableScope(_variables, ClinicalNow());
                result = await handler.ExecuteAsync(new StepContext(definition, step, _instance, _variables, scope, services, store), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                var error = ex is StepFailedException or ExpressionException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                if (attempt >= step.MaxAttempts)
                {
                    LogFailed(_instance.Id, stepId, attempt);
                    WorkflowTelemetry.StepEnded(activity, WorkflowTelemetry.Failed, attempt, ex.GetType().FullName);
                    await Checkpoint(new StepCheckpoint(_instance.Id, InstanceStatus.Failed, stepId, _variables, false)
                    {
                        Error = $"Step '{stepId}' failed after {attempt} attempt(s): {error}",
                        Journal = [(stepId, "step_failed", new JsonObject { ["attempts"] = attempt, ["error"] = error })],
                    }).ConfigureAwait(false);
                    return null;
                }

                var delay = step.Backoff * Math.Pow(2, attempt - 1);
                await store.AddJournalAsync(_instance.Id, stepId, "retry", new JsonObject { ["attempt"] = attempt, ["error"] = error, ["delay_ms"] = delay.TotalMilliseconds }, cancellationToken).ConfigureAwait(false);
                await Task.Delay(delay, services.Time, cancellationToken).ConfigureAwait(false);
            }
        }

        if (result.Block == StepBlock.Approval)
        {
            WorkflowTelemetry.StepEnded(activity, WorkflowTelemetry.WaitingApproval, attempts);
            await Checkpoint(new StepCheckpoint(_instance.Id, InstanceStatus.WaitingApproval, stepId, _variables, false)
            {
                Approval = (stepId, result.ApprovalMessage ?? ""),
                Journal = [(stepId, "waiting_approval", null)],
            }).ConfigureAwait(false);
            return null;
        }

        _variables[step.OutputName] = result.Output?.DeepClone();
        var next = result.Next ?? definition.DefaultNext(step);
        var done = next == WorkflowDefinition.End;
        WorkflowTelemetry.StepEnded(activity, WorkflowTelemetry.Completed, attempts);
        var journal = new List<(string?, string, JsonObject?)> { (stepId, "step_completed", result.Detail) };
        if (done)
        {
            journal.Add((null, "completed", null));
        }

        await Checkpoint(new StepCheckpoint(_instance.Id, done ? InstanceStatus.Completed : InstanceStatus.Running, done ? null : next, _variables, true)
        {
            Journal = journal,
            Write = result.Write is { } write ? (write.Key, stepId, write.Reference) : null,
        }).ConfigureAwait(false);
        if (done)
            LogCompleted(_instance.Id, definition.Name);
        return done ? null : next;
    }

    // The checkpoint must land even when the host is stopping: the step's effects already happened.
    private async Task Checkpoint(StepCheckpoint checkpoint)
    {
        await store.CheckpointAsync(checkpoint, CancellationToken.None).ConfigureAwait(false);
        _instance = _instance with
        {
            Status = checkpoint.Status,
            CurrentStep = checkpoint.NextStep,
            StepsDone = _instance.StepsDone + (checkpoint.StepDone ? 1 : 0),
            WakeAt = null,
        };
    }

    private DateTimeOffset ClinicalNow() =>
        _variables["now"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now)
            ? now
            : services.Time.GetUtcNow();

    private Workflow Compile(string start)
    {
        var executors = new Dictionary<string, StepExecutor>(StringComparer.Ordinal);
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var id))
        {
            if (executors.TryAdd(id, new StepExecutor(id, this)))
            {
                foreach (var next in definition.Successors(definition.Step(id)))
                {
                    pending.Push(next);
                }
            }
        }

        var builder = new WorkflowBuilder(executors[start]).WithName(definition.Name);
        foreach (var (id, executor) in executors)
        {
            foreach (var next in definition.Successors(definition.Step(id)))
            {
                var target = next;
                builder.AddEdge<StepToken>(executor, executors[target], token => token?.Next == target);
            }
        }

        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} ({Workflow}): step {StepId}")]
    private partial void LogStep(string instanceId, string workflow, string stepId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} completed ({Workflow})")]
    private partial void LogCompleted(string instanceId, string workflow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: step {StepId} failed after {Attempts} attempts")]
    private partial void LogFailed(string instanceId, string stepId, int attempts);
}
