using System.Text.RegularExpressions;

namespace ClinicalAgent.Cli.Tests.Workflows;

public sealed partial class WorkflowCommandTests
{
    private const string Review = """
        name: review
        inputs: [reason]
        steps:
          - id: approve
            type: approval
            message: "Flag Patient/{{ patient }} for {{ input.reason }}?"
          - id: flag
            type: notify
            channel: flag
            message: "{{ input.reason }}"
        """;

    [Fact]
    public async Task RunThenApprove_InSeparateInvocations_CompletesOnceAndJournalsWho()
    {
        using var folder = new WorkflowCliFolder(("review", Review));

        var run = await CliRun.RunAsync(folder.Args("workflow", "run", "review", "--patient", WorkflowCliFolder.PatientId, "--input", "reason=falls risk"));
        var id = InstanceId().Match(run.Output).Groups[1].Value;
        var approve = await CliRun.RunAsync(folder.Args("workflow", "approve", id, "--by", "dr.grey"));
        var again = await CliRun.RunAsync(folder.Args("workflow", "approve", id, "--by", "dr.grey"));
        var show = await CliRun.RunAsync(folder.Args("workflow", "show", id));
        var completed = await CliRun.RunAsync(folder.Args("workflow", "instances", "--status", "Completed"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("waits for approval at step 'approve'", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, approve.ExitCode);
        Assert.Contains("completed (2 steps)", approve.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not waiting for an approval", again.Error, StringComparison.Ordinal);
        Assert.Contains("approved {\"by\":\"dr.grey\"", show.Output, StringComparison.Ordinal);
        Assert.Contains("Wrote     Flag/", show.Output, StringComparison.Ordinal);
        Assert.Contains(id, completed.Output, StringComparison.Ordinal);
        Assert.Equal(1, folder.Count("Flag"));
    }

    [Fact]
    public async Task Reject_WithReason_EndsTheInstance()
    {
        using var folder = new WorkflowCliFolder(("review", Review));
        var run = await CliRun.RunAsync(folder.Args("workflow", "run", "review", "--patient", WorkflowCliFolder.PatientId, "--input", "reason=x"));
        var id = InstanceId().Match(run.Output).Groups[1].Value;

        var reject = await CliRun.RunAsync(folder.Args("workflow", "reject", id, "--reason", "not indicated", "--by", "dr.yang"));

        Assert.Equal(0, reject.ExitCode);
        Assert.Contains("rejected: Rejected by dr.yang: not indicated", reject.Output, StringComparison.Ordinal);
        Assert.Equal(0, folder.Count("Flag"));
    }

    [Fact]
    public async Task Validate_BadFile_NamesFileLineAndProblem_AndExitsOne()
    {
        using var folder = new WorkflowCliFolder();
        var bad = Path.Combine(folder.Root, "bad.yaml");
        await File.WriteAllTextAsync(bad, "name: bad\nsteps:\n  - id: a\n    type: agent\n    prompt: clinical-agent\n    tools: [rm_rf]\n");

        var run = await CliRun.RunAsync("workflow", "validate", bad);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{bad}:6:12: Step 'a': unknown tool 'rm_rf'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidDefinitionInFolder_IsNotStarted()
    {
        using var folder = new WorkflowCliFolder(("cyclic", "name: cyclic\nsteps:\n  - id: a\n    type: wait\n    delay: 1s\n    next: a\n"));

        var run = await CliRun.RunAsync(folder.Args("workflow", "run", "cyclic"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cycle: a -> a", run.Error, StringComparison.Ordinal);
        Assert.Contains("No workflow named 'cyclic'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Samples_ShowsTriggers()
    {
        var samples = WorkflowCliFolder.Samples;

        var run = await CliRun.RunAsync("workflow", "list", "--workflows", samples);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("hypokalemia          6 steps  fhir Observation?code=http://loinc.org|2823-3 (created)", run.Output, StringComparison.Ordinal);
        Assert.Contains("stale-hba1c          4 steps  schedule '0 0 6 * * ?'", run.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("Instance ([0-9a-f]{32})")]
    private static partial Regex InstanceId();
}
