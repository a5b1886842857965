using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quartz;

namespace ClinicalAgent.Workflows.Triggers;

/// <summary>
/// The <c>schedule</c> trigger on Quartz cron: each fire starts one instance, or with <c>for_each</c> one per patient
/// the search finds (a sweep). The trigger key holds the scheduled fire time (and patient), so a fire handled twice
/// starts nothing twice. With a <see cref="ScheduleCluster"/>, Quartz keeps the schedule in PostgreSQL with its
/// clustered job store: each fire is acquired by one node only, and a fire missed while no node ran is replayed once
/// (<see cref="CronTriggerMisfireInstruction.FireAndProceed"/>) when a node starts again.
/// </summary>
public sealed partial class ScheduleTrigger(WorkflowEngine engine, Action<string>? started = null, ScheduleCluster? cluster = null, ILogger? logger = null) : IAsyncDisposable
{
    // Every node of a cluster must carry the same scheduler name: it is how Quartz's rows say which cluster they belong to.
    private const string ClusterName = "clinicalagent-workflows";

    private readonly Action<string> _started = started ?? (_ => { });
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private IScheduler? _scheduler;

    /// <summary>Schedules every workflow with a cron and starts the scheduler.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _scheduler = await QuartzSchedulerBuilder.Create(q =>
            {
                q.UseJobFactory(new ScheduleJobFactory(this));
                if (cluster is not null)
                {
                    q.UsePersistentStore(store =>
                    {
                        store.UsePostgres(NpgsqlFactory.Instance, cluster.ConnectionString);
                        store.UseSystemTextJsonSerializer();
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = cluster.CheckinInterval;
                            c.CheckinMisfireThreshold = cluster.CheckinInterval * 2;
                        });
                        store.ConfigureStore(o => o.MisfireThreshold = cluster.MisfireThreshold);
                    });
                }
            })
            .UseProperties(new NameValueCollection
            {
                ["quartz.scheduler.instanceName"] = cluster is null ? "clinicalagent-" + Guid.NewGuid().ToString("N")[..8] : ClusterName,
                ["quartz.threadPool.maxConcurrency"] = "2",
            })
            .BuildScheduler(cancellationToken).ConfigureAwait(false);
        foreach (var workflow in engine.Catalog.All.Where(w => w.Trigger.Schedule is not null))
        {
            await ScheduleAsync(workflow.Name, workflow.Trigger.Schedule!, cancellationToken).ConfigureAwait(false);
        }

        await _scheduler.Start(cancellationToken).ConfigureAwait(false);
    }

    private async Task ScheduleAsync(string workflow, string cron, CancellationToken cancellationToken)
    {
        var key = new TriggerKey(workflow);
        var stored = await _scheduler!.GetTrigger(key, cancellationToken).ConfigureAwait(false) as ICronTrigger;
        // Quartz computes cron fire times on the system clock, so the decision reads that clock too.
        if (ScheduleDecision.Decide(cron, stored?.CronExpressionString, TimeProvider.System.GetUtcNow()) != ScheduleStartAction.Schedule)
        {
            return;
        }

        // RequestRecovery: a node killed while handling a fire leaves it to another node, which handles it again (trigger keys make that harmless).
        var job = JobBuilder.Create<ScheduleFireJob>().WithIdentity(workflow).UsingJobData("workflow", workflow).RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(key)
            .WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
        try
        {
            await _scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node stored it between our look and our write.
        }
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

        LogFired(workflow, at, ids.Count);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Workflow} fired for {FireTime}: {Started} instance(s) started")]
    private partial void LogFired(string workflow, string fireTime, int started);
}
