using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using Quartz;

namespace ClinicalAgent.Workflows.Triggers;

/// <summary>
/// The <c>schedule</c> trigger on Quartz cron: each fire starts one instance, or with <c>for_each</c> one per patient
/// the search finds (a sweep). The trigger key holds the scheduled fire time (and patient), so a fire handled twice
/// starts nothing twice.
/// </summary>
public sealed class ScheduleTrigger(WorkflowEngine engine, Action<string>? started = null) : IAsyncDisposable
{
    private readonly Action<string> _started = started ?? (_ => { });
    private IScheduler? _scheduler;

    /// <summary>Schedules every workflow with a cron and starts the scheduler.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _scheduler = await QuartzSchedulerBuilder.Create(q => q.UseJobFactory(new ScheduleJobFactory(this)))
            .UseProperties(new NameValueCollection
            {
                ["quartz.scheduler.instanceName"] = "clinicalagent-" + Guid.NewGuid().ToString("N")[..8],
                ["quartz.threadPool.maxConcurrency"] = "2",
            })
            .BuildScheduler(cancellationToken).ConfigureAwait(false);
        foreach (var workflow in engine.Catalog.All.Where(w => w.Trigger.Schedule is not null))
        {
            var job = JobBuilder.Create<ScheduleFireJob>().WithIdentity(workflow.Name).UsingJobData("workflow", workflow.Name).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(workflow.Name).WithCronSchedule(workflow.Trigger.Schedule!).Build();
            await _scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
        }

        await _scheduler.Start(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles one fire of <paramref name="workflow"/>'s schedule at <paramref name="fireTime"/>; returns the instances started.</summary>
    public async Task<IReadOnlyList<string>> FireAsync(string workflow, DateTimeOffset fireTime, CancellationToken cancellationToken = default)
    {
        var definition = engine.Catalog.Get(workflow);
        var at = fireTime.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var trigger = new JsonObject { ["kind"] = "schedule", ["fired"] = at };
        var patients = definition.Trigger.ForEach is { } forEach
            ? await PatientsAsync(forEach, cancellationToken).ConfigureAwait(false)
            : [null];
        var ids = new List<string>();
        foreach (var patient in patients)
        {
            var request = new StartRequest(patient, Trigger: (JsonObject)trigger.DeepClone(), TriggerKey: patient is null ? $"schedule:{at}" : $"schedule:{at}:{patient}");
            var (instance, created) = await engine.StartAsync(workflow, request, null, cancellationToken).ConfigureAwait(false);
            if (created)
            {
                ids.Add(instance.Id);
                _started(instance.Id);
            }
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true).ConfigureAwait(false);
        }
    }

    // Every page of the search, reduced to distinct patients in order of first appearance.
    private async Task<List<string?>> PatientsAsync(string search, CancellationToken cancellationToken)
    {
        var question = search.IndexOf('?');
        var type = question < 0 ? search : search[..question];
        var page = await engine.Services.Gateway.SearchAsync(type, SearchQuery.Parse(question < 0 ? "" : search[(question + 1)..]), cancellationToken).ConfigureAwait(false);
        var patients = new List<string?>();
        while (page is not null)
        {
            foreach (var entry in page.Entry.Where(e => e.Resource?.TypeName == type))
            {
                if (Steps.FhirFacts.PatientId(Steps.FhirFacts.ToJson(entry.Resource!)) is { } patient && !patients.Contains(patient))
                {
                    patients.Add(patient);
                }
            }

            page = await engine.Services.Gateway.NextPageAsync(page, cancellationToken).ConfigureAwait(false);
        }

        return patients;
    }
}
