using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Tests.Engine;

public sealed class ToolStepTests
{
    private static (string, string) Flow(string steps) => ("t", $"name: t\nsteps:\n{steps}");

    [Fact]
    public async Task Tool_ListTool_OutputsRowsAsItemsWithCitations()
    {
        using var host = WorkflowTestHost.With(Flow("""
              - id: labs
                type: tool
                tool: get_observations
                arguments:
                  patient_id: "{{ patient }}"
                  code: potassium
                  latest_only: true
              - id: tell
                type: approval
                message: "K {{ labs.items.0.value }} ({{ labs.items.0.id }}), {{ labs.count }} row"
            """));
        await host.AddPatientAsync();
        var lab = await host.AddLabAsync("2823-3", 3.3m, "mmol/L");

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId));
        var approval = await host.Store.GetApprovalAsync(done.Id, "tell");

        Assert.Equal(InstanceStatus.WaitingApproval, done.Status);
        Assert.Equal($"K 3.3 (Observation/{lab.Id}), 1 row", approval!.Message);
        Assert.Contains($"Observation/{lab.Id}", done.Variables["labs"]!["citations"]!.AsArray().Select(c => c!.GetValue<string>()));
        var journal = await host.Store.JournalAsync(done.Id);
        Assert.DoesNotContain(journal, j => j.Detail?.ToJsonString().Contains("3.3", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Tool_ToolReturnsError_FailsTheInstanceWithTheToolsMessage()
    {
        using var host = WorkflowTestHost.With(Flow("""
              - id: who
                type: tool
                tool: get_patient
                arguments:
                  patient_id: S9999999
                retry:
                  max: 1
            """));

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest());

        Assert.Equal(InstanceStatus.Failed, done.Status);
        Assert.Contains("get_patient failed", done.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_ReadOnlyTool_WriteAfterItIsNotLabelledAiAsserted()
    {
        using var host = WorkflowTestHost.With(Flow("""
              - id: who
                type: tool
                tool: get_patient
                arguments:
                  patient_id: "{{ patient }}"
              - id: flag
                type: fhir_write
                resource:
                  resourceType: Flag
                  status: active
                  code:
                    text: "Checked {{ who.id }}"
                  subject:
                    reference: "Patient/{{ patient }}"
            """));
        await host.AddPatientAsync();

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId));

        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        var flag = (Flag)await host.Fhir.ReadAsync("Flag", done.Variables["flag"]!["id"]!.GetValue<string>());
        Assert.Equal($"Checked {WorkflowTestHost.PatientId}", flag.Code.Text);
        Assert.DoesNotContain(flag.Meta?.Security ?? [], c => c.Code == "AIAST");
    }
}
