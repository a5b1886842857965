using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>A real clinicalagent process killed with SIGKILL mid-run, then a restart that resumes it.</summary>
public sealed class CrashResumeTests
{
    private static readonly string Crashable = CrashableWorkflow.Yaml(moreSteps: """
          - id: tell
            type: notify
            channel: communication
            message: "done"
        """);

    [Fact]
    public async Task Run_KilledWhileWaiting_ResumesWithoutRepeatingWrites()
    {
        using var folder = new WorkflowCliFolder(("crashable", Crashable));
        await using var child = CliProcess.Start(folder.Args("workflow", "run", "crashable", "--patient", WorkflowCliFolder.PatientId));
        var workflowsDb = WorkflowStore.PathBeside(folder.Db);
        var sleeping = await CrossProcess.UntilAsync(() => File.Exists(workflowsDb) && Journal(workflowsDb).Any(j => j.Kind == "sleeping"), TimeSpan.FromSeconds(60));
        await child.KillAsync();
        var killed = Instance(workflowsDb);
        var flagsAfterKill = folder.Count("Flag");

        var resume = await CliRun.RunAsync(folder.Args("workflow", "resume"));

        Assert.True(sleeping, "the child never reached the wait step");
        Assert.Equal(InstanceStatus.Running, killed.Status);
        Assert.Equal("pause", killed.CurrentStep);
        Assert.Equal(1, flagsAfterKill);
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("Resumed 1 instance(s).", resume.Error, StringComparison.Ordinal);
        var done = Instance(workflowsDb);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(4, done.StepsDone);
        Assert.Equal(2, folder.Count("Flag"));
        Assert.Equal(1, folder.Count("Communication"));
        Assert.Single(Journal(workflowsDb), j => j.Kind == "step_completed" && j.StepId == "first");
    }

    private static WorkflowInstance Instance(string path)
    {
        using var store = new WorkflowStore(path);
        return store.ListAsync().GetAwaiter().GetResult().Single();
    }

    private static IReadOnlyList<JournalEntry> Journal(string path)
    {
        using var store = new WorkflowStore(path);
        var instance = store.ListAsync().GetAwaiter().GetResult().SingleOrDefault();
        return instance is null ? [] : store.JournalAsync(instance.Id).GetAwaiter().GetResult();
    }
}
