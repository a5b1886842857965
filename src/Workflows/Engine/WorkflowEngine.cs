using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>
/// Starts, runs, approves and resumes workflow instances. Runs claim the instance in the store first, so two
/// processes never run one instance at once; a run goes until the instance completes, fails, or waits for a person.
/// </summary>
public sealed partial class WorkflowEngine
{
    private readonly WorkflowServices _services;
    private readonly WorkflowEngineOptions _options;
    private readonly StepHandlers _handlers;
    private readonly ILogger _logger;
    private readonly string _owner = WorkflowStore.NewOwner();
    private readonly WorkflowAudit _audit;

    public WorkflowEngine(WorkflowCatalog catalog, IWorkflowStore store, WorkflowServices services, WorkflowEngineOptions? options = null,
        ILogger<WorkflowEngine>? logger = null, StepHandlers? handlers = null, Fhir.Audit.IAuditSink? audit = null)
    {
        _audit = new WorkflowAudit(audit);
        Catalog = catalog;
        Store = store;
        _services = services;
        _options = options ?? new WorkflowEngineOptions();
        _handlers = handlers ?? new StepHandlers();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public WorkflowCatalog Catalog { get; }

    public IWorkflowStore Store { get; }

    public WorkflowServices Services => _services;

    /// <summary>Raised as each step begins.</summary>
    public event Action<StepStarted>? StepStarting;

    /// <summary>
    /// Creates an instance of <paramref name="workflow"/> (not yet run). With a trigger key, a second start for the same
    /// event returns the first instance. <paramref name="cursor"/> moves a trigger's cursor in the same commit.
    /// </summary>
    public async Task<(WorkflowInstance Instance, bool Created)> StartAsync(string workflow, StartRequest request, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var started = await CreateAsync(workflow, request, cursor, cancellationToken).ConfigureAwait(false);
            if (started.Created)
                await _audit.StartedAsync(started.Instance, request.Trigger).ConfigureAwait(false);
            return started;
        }
        catch (ArgumentException)
        {
            await _audit.StartRefusedAsync(request.PatientId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates instances of <paramref name="workflow"/> for several events in one store transaction, with the
    /// trigger's cursor: all or none, each event's trigger key deduplicated as in <see cref="StartAsync"/>. A trigger
    /// that reads a batch of changes starts them at the cost of one commit rather than one each.
    /// </summary>
    public async Task<IReadOnlyList<(WorkflowInstance Instance, bool Created)>> StartManyAsync(string workflow, IReadOnlyList<StartRequest> requests, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default)
    {
        var definition = Catalog.Get(workflow);
        var now = await _services.ClinicalNow(cancellationToken).ConfigureAwait(false);
        var instances = new List<NewInstance>(requests.Count);
        foreach (var request in requests)
        {
            instances.Add(await PrepareAsync(workflow, definition, request, now, cancellationToken).ConfigureAwait(false));
        }

        var results = await Store.CreateManyAsync(instances, cursor, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Created)
            {
                LogCreated(results[i].Instance.Id, workflow, requests[i].TriggerKey ?? "manual");
                await _audit.StartedAsync(results[i].Instance, requests[i].Trigger).ConfigureAwait(false);
            }
        }

        return results;
    }

    private async Task<(WorkflowInstance Instance, bool Created)> CreateAsync(string workflow, StartRequest request, (string Name, long Position)? cursor, CancellationToken cancellationToken)
    {
        var definition = Catalog.Get(workflow);
        var now = await _services.ClinicalNow(cancellationToken).ConfigureAwait(false);
        var instance = await PrepareAsync(workflow, definition, request, now, cancellationToken).ConfigureAwait(false);
        var result = await Store.CreateAsync(instance, cursor, cancellationToken).ConfigureAwait(false);
        if (result.Created)
        {
            LogCreated(result.Instance.Id, workflow, request.TriggerKey ?? "manual");
        }

        return result;
    }

    // The instance's starting variables: trigger, inputs (checked against the definition), patient and the clinical now.
    private async Task<NewInstance> PrepareAsync(string workflow, WorkflowDefinition definition, StartRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inputs = new JsonObject();
        foreach (var (key, value) in request.Inputs ?? new Dictionary<string, string>())
        {
            if (!definition.Inputs.Contains(key))
            {
                throw new ArgumentException($"Workflow '{workflow}' has no input '{key}' (declared: {(definition.Inputs.Count == 0 ? "none" : string.Join(", ", definition.Inputs))}).");
            }

            inputs[key] = value;
        }

        var trigger = (JsonObject?)request.Trigger?.DeepClone() ?? new JsonObject { ["kind"] = "manual" };
        var patientId = request.PatientId ?? await PatientOfTriggerAsync(trigger, cancellationToken).ConfigureAwait(false);
        var variables = new JsonObject
        {
            ["trigger"] = trigger,
            ["input"] = inputs,
            ["patient"] = patientId,
            ["now"] = now.ToString("O"),
        };
        return new NewInstance(workflow, definition.Steps[0].Id, variables, request.TriggerKey, patientId);
    }

    /// <summary>Runs the instance from its checkpoint until it completes, fails or waits; returns its state then.
    /// An instance another live runner holds, or one not running, is returned as it is.</summary>
    public async Task<WorkflowInstance> RunAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        // The claim checks that the instance is running, so the read comes after it: one read per run, not two, on the
        // path from a trigger's commit to the first step.
        if (!await Store.TryClaimAsync(instanceId, _owner, _options.Lease, cancellationToken).ConfigureAwait(false))
        {
            return await Store.GetAsync(instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No workflow instance '{instanceId}'.");
        }

        // Only a shared store's claims expire by time; a SQLite claim holds while this process lives, so needs no renewal.
        var lease = Store.IsShared ? new LeaseKeeper(Store, instanceId, _owner, _options.Lease, _services.Time, cancellationToken) : null;
        try
        {
            var instance = (await Store.GetAsync(instanceId, cancellationToken).ConfigureAwait(false))!;
            var definition = Catalog.Get(instance.Workflow);
            var run = new InstanceRun(definition, instance, Store, _services, _handlers, StepStarting, _logger);
            // The instance is the actor of what its steps do (an agent step's tool calls are audited as its own).
            using (Fhir.Audit.AuditActorScope.Begin(Fhir.Audit.AuditActor.Workflow(instanceId)))
                await run.RunAsync(lease?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lease?.Lost == true && !cancellationToken.IsCancellationRequested)
        {
            // Another node took the instance over (this one was cut off longer than the lease): it carries on from the checkpoint.
            LogLeaseLost(instanceId);
        }
        finally
        {
            if (lease is not null)
                await lease.DisposeAsync().ConfigureAwait(false);
            await Store.ReleaseAsync(instanceId, _owner, CancellationToken.None).ConfigureAwait(false);
        }

        return (await Store.GetAsync(instanceId, CancellationToken.None).ConfigureAwait(false))!;
    }

    /// <summary>Starts an instance and runs it.</summary>
    public async Task<WorkflowInstance> StartAndRunAsync(string workflow, StartRequest request, CancellationToken cancellationToken = default)
    {
        var (instance, _) = await StartAsync(workflow, request, null, cancellationToken).ConfigureAwait(false);
        return await RunAsync(instance.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Approves the waiting instance's approval step (recording who and when); run it afterwards to go on.</summary>
    public Task<WorkflowInstance> ApproveAsync(string instanceId, string by, CancellationToken cancellationToken = default) =>
        DecideAsync(instanceId, approve: true, by, null, cancellationToken);

    /// <summary>Rejects the waiting instance's approval step; the instance ends as rejected.</summary>
    public Task<WorkflowInstance> RejectAsync(string instanceId, string by, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return DecideAsync(instanceId, approve: false, by, reason, cancellationToken);
    }

    // Every decision is audited with who made it, a refused one (not waiting, no such instance) too.
    private async Task<WorkflowInstance> DecideAsync(string instanceId, bool approve, string by, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            var decided = await Store.DecideAsync(instanceId, approve, by, reason, cancellationToken).ConfigureAwait(false);
            await _audit.DecidedAsync(instanceId, decided, approve, by, succeeded: true).ConfigureAwait(false);
            return decided;
        }
        catch (InvalidOperationException)
        {
            var instance = await Store.GetAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
            await _audit.DecidedAsync(instanceId, instance, approve, by, succeeded: false).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sets a failed instance running again at its failed step (run it afterwards).</summary>
    public async Task<bool> ReviveAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await Store.ReviveAsync(instanceId, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs every instance that has a step to run (what a restart does), at most <see cref="WorkflowEngineOptions.MaxConcurrentInstances"/> at once.</summary>
    public async Task<IReadOnlyList<WorkflowInstance>> ResumeAllAsync(CancellationToken cancellationToken = default)
    {
        var ids = await Store.RunnableAsync(cancellationToken).ConfigureAwait(false);
        using var gate = new SemaphoreSlim(_options.MaxConcurrentInstances);
        var runs = ids.Select(async id =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await RunAsync(id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    // A resource event is about the resource's patient; reading it here gives every step `patient` without a query.
    private async Task<string?> PatientOfTriggerAsync(JsonObject trigger, CancellationToken cancellationToken)
    {
        if (trigger["type"]?.GetValue<string>() is not { } type || trigger["id"]?.GetValue<string>() is not { } id)
        {
            return null;
        }

        try
        {
            var resource = await _services.Gateway.ReadAsync(type, id, cancellationToken).ConfigureAwait(false);
            var patient = FhirFacts.PatientId(FhirFacts.ToJson(resource));
            trigger["patient"] = patient;
            return patient;
        }
        catch (Fhir.FhirGatewayException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: another runner took over its lease; this run stopped")]
    private partial void LogLeaseLost(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} of {Workflow} created ({Trigger})")]
    private partial void LogCreated(string instanceId, string workflow, string trigger);
}
