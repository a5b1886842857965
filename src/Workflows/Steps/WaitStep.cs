using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// <c>wait</c>: sleeps for <c>delay</c> or until <c>until</c>. The wake time is stored before sleeping, so an
/// instance resumed after a restart sleeps only what is left, never the whole delay again.
/// </summary>
internal sealed class WaitStep : IStepHandler
{
    public StepType Type => StepType.Wait;

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var time = context.Services.Time;
        // The stored row, not the run's snapshot: a retry or a resumed run must keep the deadline set before.
        var current = await context.Store.GetAsync(context.InstanceId, cancellationToken).ConfigureAwait(false);
        DateTimeOffset wakeAt;
        if (current is { WakeAt: { } stored } && current.CurrentStep == context.Step.Id)
        {
            wakeAt = stored;
        }
        else
        {
            wakeAt = WakeTime(context, time.GetUtcNow());
            await context.Store.SetWakeAsync(context.InstanceId, context.Step.Id, wakeAt, cancellationToken).ConfigureAwait(false);
        }

        var remaining = wakeAt - time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
        }

        return new StepResult(new JsonObject { ["woke_at"] = time.GetUtcNow().ToString("O") }) { Detail = new JsonObject { ["until"] = wakeAt.ToString("O") } };
    }

    private static DateTimeOffset WakeTime(StepContext context, DateTimeOffset now)
    {
        if (context.Step.Delay is { } delay)
        {
            return now + delay;
        }

        var text = Template.Render(context.Step.Until!, context.Scope);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            ? until
            : throw new StepFailedException($"Step '{context.Step.Id}': until '{text}' is not a date-time.");
    }
}
