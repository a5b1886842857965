using System.Diagnostics;
using ClinicalAgent.Fhir;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Telemetry.Tests;

public sealed class WorkflowTelemetryTests
{
    private const string Labs = """
        name: labs
        steps:
          - id: labs
            type: tool
            tool: get_observations
            arguments:
              patient_id: "{{ patient }}"
              code: potassium
              latest_only: true
          - id: check
            type: condition
            if: labs.count > 0
            then: tell
            else: end
          - id: tell
            type: approval
            message: "Potassium {{ labs.items.0.value }} ({{ labs.items.0.id }})"
        """;

    private const string Missing = """
        name: missing
        steps:
          - id: who
            type: tool
            tool: get_patient
            arguments:
              patient_id: S9999999
            retry:
              max: 2
              backoff: 0ms
        """;

    [Fact]
    public async Task StartAndRunAsync_ToolConditionApproval_OneStepSpanEachUnderTheRunWithOutcome()
    {
        await using var host = await new TelemetryTestHost(null, null, ("labs", Labs)).SeedAsync();
        var patient = host.Records.OfType<Patient>().First();
        var facts = await PrivateFacts.ReadAsync(host.Services.GetRequiredService<IFhirGateway>(), patient.Id);

        var done = await host.Services.GetRequiredService<WorkflowEngine>().StartAndRunAsync("labs", new StartRequest(patient.Id));

        Assert.Equal(InstanceStatus.WaitingApproval, done.Status);
        var run = Assert.Single(host.Named("workflow.run"));
        Assert.Equal("workflow.run labs", run.DisplayName);
        Assert.Equal(done.Id, run.GetTagItem("clinicalagent.workflow.instance.id"));
        var steps = host.Named("workflow.step");
        Assert.Equal(["workflow.step labs", "workflow.step check", "workflow.step tell"], steps.Select(s => s.DisplayName));
        Assert.Equal(["tool", "condition", "approval"], steps.Select(s => s.GetTagItem("clinicalagent.workflow.step.type")));
        Assert.Equal(["completed", "completed", "waiting_approval"], steps.Select(s => s.GetTagItem("clinicalagent.workflow.step.outcome")));
        Assert.All(steps, s =>
        {
            Assert.Equal(run.TraceId, s.TraceId);
            Assert.Equal("labs", s.GetTagItem("clinicalagent.workflow.name"));
            Assert.Equal(done.Id, s.GetTagItem("clinicalagent.workflow.instance.id"));
            Assert.Equal(1, s.GetTagItem("clinicalagent.workflow.step.attempts"));
        });
        Assert.Contains(host.Named("fhir search-type Observation"), s => s.ParentSpanId == steps[0].SpanId);
        Assert.Empty(facts.FoundIn(ExportedValues.Of(host.Spans, [])));
    }

    [Fact]
    public async Task StartAndRunAsync_StepFailsEveryAttempt_StepSpanFailedWithAttempts()
    {
        await using var host = await new TelemetryTestHost(null, null, ("missing", Missing)).SeedAsync();

        var done = await host.Services.GetRequiredService<WorkflowEngine>().StartAndRunAsync("missing", new StartRequest());

        Assert.Equal(InstanceStatus.Failed, done.Status);
        var step = Assert.Single(host.Named("workflow.step"));
        Assert.Equal("failed", step.GetTagItem("clinicalagent.workflow.step.outcome"));
        Assert.Equal(2, step.GetTagItem("clinicalagent.workflow.step.attempts"));
        Assert.Equal(ActivityStatusCode.Error, step.Status);
        Assert.NotNull(step.GetTagItem("error.type"));
        Assert.Null(step.StatusDescription);
    }
}
