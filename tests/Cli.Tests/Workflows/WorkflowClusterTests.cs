using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Persistence.Postgres;
using ClinicalAgent.Workflows.Tests.Persistence;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// Several real <c>serve</c> processes sharing one PostgreSQL workflow database (a private server) over one remote
/// FHIR server: a node killed mid-instance is taken over, a schedule fires once across nodes, a missed fire is replayed once.
/// Lease expiry across processes needs real time; the settings keep it to seconds. The timers themselves (renewal, the
/// take-over sweep) are tested on a fake clock in Workflows.Tests (<c>LeaseTakeOverTests</c>); this is the one take-over across processes.
/// </summary>
public sealed partial class WorkflowClusterTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    // The wait must outlast node B's start (a whole serve process) on a loaded machine: 6 s once did not in CI.
    private static readonly string Crashable = CrashableWorkflow.Yaml(trigger: """
        trigger:
          http: true

        """, wait: "20s");

    [Fact]
    public async Task Serve_NodeKilledWhileWaiting_OtherNodeCompletesWithOneCopyOfEachWrite()
    {
        using var folder = new WorkflowCliFolder(("crashable", Crashable));
        var database = server.NewDatabase();
        await using var ehr = await FhirServer.StartAsync(folder);
        var settings = WorkflowNode.WriteSettings(folder);
        await using var a = await WorkflowNode.StartAsync(folder, ehr.Base, database, settings);
        using var store = await PostgresWorkflowStore.OpenAsync(database);

        using var started = await a.Client.PostAsync("/workflows/crashable/start",
            new StringContent($$"""{"patient": "{{WorkflowCliFolder.PatientId}}"}""", Encoding.UTF8, "application/json"));
        var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var sleeping = await CrossProcess.UntilAsync(async () => (await store.JournalAsync(id)).Any(j => j.Kind == "sleeping"), TimeSpan.FromSeconds(60));
        // Node B joins once A holds the run: a node already up could claim the new instance in its take-over sweep
        // before A's dispatcher does (any node may run a free instance), and killing A would then prove nothing.
        await using var b = await WorkflowNode.StartAsync(folder, ehr.Base, database, settings);
        await a.KillAsync();
        var killed = (await store.GetAsync(id))!;
        var flagsAfterKill = await ehr.CountAsync("Flag");
        var completed = await CrossProcess.UntilAsync(async () => (await store.GetAsync(id))!.Status == InstanceStatus.Completed, TimeSpan.FromSeconds(60));

        Assert.True(sleeping, "node A never reached the wait step");
        Assert.Equal(("pause", InstanceStatus.Running), (killed.CurrentStep, killed.Status));
        Assert.Equal(1, flagsAfterKill);
        Assert.True(completed, "node B did not complete the instance: " + string.Join(Environment.NewLine, b.Log.TakeLast(20)));
        Assert.Equal(2, await ehr.CountAsync("Flag"));
        var writes = await store.WritesAsync(id);
        Assert.Equal(["first", "second"], writes.Select(w => w.StepId));
        Assert.Equal(2, writes.Select(w => w.Key).Distinct().Count());
        var journal = await store.JournalAsync(id);
        Assert.Single(journal, j => j.Kind == "step_completed" && j.StepId == "first");
        Assert.Single(journal, j => j.Kind == "step_completed" && j.StepId == "second");
        // The wait step started twice: by node A, then again (same deadline) by node B when it took the instance over.
        Assert.Equal(2, journal.Count(j => j.Kind == "step_started" && j.StepId == "pause"));
    }

    [Fact]
    public async Task Serve_TwoNodesOneSchedule_EachFireHandledOnce()
    {
        using var folder = new WorkflowCliFolder(("tick", """
            name: tick
            trigger:
              schedule: "* * * * * ?"
            steps:
              - id: nothing
                type: condition
                if: "true"
            """));
        var database = server.NewDatabase();
        await using var ehr = await FhirServer.StartAsync(folder);
        var settings = WorkflowNode.WriteSettings(folder);
        await using var a = await WorkflowNode.StartAsync(folder, ehr.Base, database, settings);
        await using var b = await WorkflowNode.StartAsync(folder, ehr.Base, database, settings);
        using var store = await PostgresWorkflowStore.OpenAsync(database);

        var fired = await CrossProcess.UntilAsync(async () => (await store.ListAsync()).Count >= 5, TimeSpan.FromSeconds(60));
        await a.KillAsync();
        await b.KillAsync();

        Assert.True(fired, "the schedule did not fire five times");
        var fires = a.Log.Concat(b.Log).Select(line => FireLine().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(fires.Count >= 5);
        Assert.Equal(fires.Count, fires.Distinct().Count()); // without clustering each node would fire every second
        var instances = await store.ListAsync();
        Assert.Equal(instances.Count, instances.Select(i => i.TriggerKey).Distinct().Count());
        Assert.All(instances, i => Assert.Contains(i.TriggerKey!["schedule:".Length..], fires));
    }

    [Fact]
    public async Task Serve_FireMissedWhileNoNodeRan_ReplayedOnceOnRestart()
    {
        // A one-off cron (a second of a given year) some seconds ahead: node A stores it, then every node is down at that time.
        var at = DateTimeOffset.UtcNow.AddSeconds(20);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{at.Second} {at.Minute} {at.Hour} {at.Day} {at.Month} ? {at.Year}");
        using var folder = new WorkflowCliFolder(("once", $$"""
            name: once
            trigger:
              schedule: "{{cron}}"
            steps:
              - id: mark
                type: fhir_write
                resource:
                  resourceType: Flag
                  status: active
                  code: { text: "scheduled" }
                  subject: { reference: "Patient/{{WorkflowCliFolder.PatientId}}" }
            """));
        var database = server.NewDatabase();
        await using var ehr = await FhirServer.StartAsync(folder);
        var settings = WorkflowNode.WriteSettings(folder);
        using var store = await PostgresWorkflowStore.OpenAsync(database);
        var a = await WorkflowNode.StartAsync(folder, ehr.Base, database, settings);
        var stored = await CrossProcess.UntilAsync(async () => await TriggerStoredAsync(database, "once"), TimeSpan.FromSeconds(10));
        var storedBeforeTime = DateTimeOffset.UtcNow < at.AddSeconds(-2);
        await a.DisposeAsync();
        var beforeRestart = await store.ListAsync();
        await WaitUntilAsync(at.AddSeconds(3));

        await using var b = await WorkflowNode.StartAsync(folder, ehr.Base, database, settings);
        var replayed = await CrossProcess.UntilAsync(async () => (await store.ListAsync()).Any(i => i.Status == InstanceStatus.Completed), TimeSpan.FromSeconds(60));
        await using (var again = await WorkflowNode.StartAsync(folder, ehr.Base, database, settings))
        {
            await Task.Delay(TimeSpan.FromSeconds(2)); // real time: a second replay would come within Quartz's misfire scan (every MisfireThreshold, 1 s here)
        }

        Assert.True(stored, "node A did not store the schedule in Quartz's tables");
        Assert.True(storedBeforeTime, "node A came up too late: the schedule's time had passed before the test could stop it");
        Assert.Empty(beforeRestart);
        Assert.True(replayed, "the missed fire was not replayed: " + string.Join(Environment.NewLine, b.Log.TakeLast(20)));
        var instance = Assert.Single(await store.ListAsync());
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.True(instance.Created > at, "the replay happened after the missed time");
        Assert.Equal(1, await ehr.CountAsync("Flag"));
    }

    [GeneratedRegex(@"Schedule of \w+ fired for (\S+):")]
    private static partial Regex FireLine();

    private static async Task<bool> TriggerStoredAsync(string database, string workflow)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = @n AND next_fire_time IS NOT NULL", connection);
        command.Parameters.AddWithValue("n", workflow);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private static async Task WaitUntilAsync(DateTimeOffset when)
    {
        var left = when - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }
}
