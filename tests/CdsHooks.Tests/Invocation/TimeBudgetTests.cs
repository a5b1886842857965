using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Cards;
using ClinicalAgent.CdsHooks.Discovery;
using ClinicalAgent.CdsHooks.Invocation;
using ClinicalAgent.CdsHooks.Trust;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Time;
using ClinicalAgent.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.CdsHooks.Tests.Invocation;

/// <summary>The time budget on a fake clock: a FHIR server that never answers is cut off when the budget passes.</summary>
public sealed class TimeBudgetTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingAuditSink _audit = new();
    private WebApplication _silentFhir = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _silentFhir = builder.Build();
        _silentFhir.MapGet("/fhir/{**path}", async (HttpContext http) =>
        {
            _reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        });
        await _silentFhir.StartAsync();
    }

    [Fact]
    public async Task Invoke_FhirServerSlowerThanBudget_AnswersNoCardsAndAuditsOverBudget()
    {
        var (definition, errors) = WorkflowCatalog.LoadFile(Path.Combine(AppContext.BaseDirectory, "samples", "cds-hypokalemia.yaml"));
        Assert.Empty(errors);
        var service = new CdsService(definition!.Trigger.CdsHook!, definition);
        var options = new CdsHooksOptions { TimeBudget = TimeSpan.FromMilliseconds(500) };
        var clock = new ClinicalClock(Options.Create(new ClinicalToolsOptions()), timeProvider: _time);
        using var handler = new SocketsHttpHandler();
        var invoker = new CdsInvoker(options, clock, new IssuedCards(options, _time), handler, _audit, _time, NullLogger<CdsInvoker>.Instance);
        var request = new CdsRequest("patient-view", "hook-1", _silentFhir.Urls.First() + "/fhir", new CdsFhirAuthorization("t", "Bearer", 300, "system/*.rs", null),
            new JsonObject { ["patientId"] = "S1" }, null);

        var answering = invoker.InvokeAsync(service, request, CdsCaller.Anonymous, CancellationToken.None);
        await _reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(answering.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var answer = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, answer.Status);
        Assert.Empty(answer.Body["cards"]!.AsArray());
        var record = Assert.Single(_audit.Records);
        Assert.Equal("over-budget", record.OutcomeDetail);
        Assert.Equal("S1", record.PatientId);
        Assert.Equal(("cds-hypokalemia", "hook-1"), record.WorkflowInstance);
    }

    public async Task DisposeAsync()
    {
        await _silentFhir.StopAsync();
        await _silentFhir.DisposeAsync();
    }

    private sealed class RecordingAuditSink : IAuditSink
    {
        public List<AuditRecord> Records { get; } = [];

        public ValueTask RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
        {
            lock (Records)
                Records.Add(record);
            return ValueTask.CompletedTask;
        }

        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
