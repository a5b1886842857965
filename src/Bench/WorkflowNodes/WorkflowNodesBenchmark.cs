using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Bench.Workflows;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Persistence.Postgres;
using Npgsql;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.WorkflowNodes;

/// <summary>
/// <c>workflow-nodes</c>: instances per second of a five-step workflow (no model; a FHIR query, a condition, a FHIR
/// write, a notify, a condition) side by side on SQLite with one node, and PostgreSQL with one and with two nodes.
/// A node is an engine with its own lease owner; the nodes of a run share one database and one FHIR store, and each
/// resumes every runnable instance, so they split the work by racing for claims, as <c>serve</c> nodes do.
/// Each PostgreSQL run gets a fresh database on the server given (created and dropped here).
/// </summary>
internal static class WorkflowNodesBenchmark
{
    public static Task<int> RunAsync(string[] args) =>
        BenchHost.RunAsync<WorkflowNodesOptions>(args, WorkflowNodesOptions.TryParse, WorkflowNodesOptions.Usage, ReportAsync, options => options.OutputPath);

    private static async Task<string> ReportAsync(WorkflowNodesOptions options)
    {
        var (postgres, instances, concurrency) = (options.Postgres, options.Instances, options.Concurrency);
        var report = new StringBuilder();
        var machine = Store.MachineFacts.Current();
        report.Append($"# Workflow nodes benchmark\n\n{machine.Cores} cores, {machine.Cpu}, {machine.Os}; {instances} instances of a five-step workflow, {concurrency} at once per node\n\n");
        var sqlite = await RunSqliteAsync(instances, concurrency);
        Line(report, $"SQLite, 1 node: {sqlite:0.0} instances/s");
        var one = await RunPostgresAsync(postgres, instances, concurrency, nodes: 1);
        Line(report, $"PostgreSQL, 1 node: {one.PerSecond:0.0} instances/s ({one.PerSecond / sqlite:0.00}x SQLite)");
        var two = await RunPostgresAsync(postgres, instances, concurrency, nodes: 2);
        Line(report, $"PostgreSQL, 2 nodes: {two.PerSecond:0.0} instances/s ({two.PerSecond / one.PerSecond:0.00}x one node; instances run per node: {string.Join(" + ", two.PerNode)})");
        return report.ToString();
    }

    private static async Task<double> RunSqliteAsync(int instances, int concurrency)
    {
        using var scratch = await ScratchAsync();
        var (perSecond, _) = await MeasureAsync(scratch, scratch.Store, instances, concurrency, 1);
        return perSecond;
    }

    private static async Task<(double PerSecond, int[] PerNode)> RunPostgresAsync(string server, int instances, int concurrency, int nodes)
    {
        var name = "clinicalagent_bench_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync(server, $"CREATE DATABASE {name}");
        try
        {
            using var scratch = await ScratchAsync();
            using var store = await PostgresWorkflowStore.OpenAsync(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
            return await MeasureAsync(scratch, store, instances, concurrency, nodes);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<BenchScratch> ScratchAsync()
    {
        var scratch = new BenchScratch(("five", BenchWorkflows.FiveSteps));
        await scratch.AddLabAsync(3.1m);
        return scratch;
    }

    // The instances are created first (not run), then every node resumes all of them at once: the claims decide who runs what.
    private static async Task<(double PerSecond, int[] PerNode)> MeasureAsync(BenchScratch scratch, IWorkflowStore store, int instances, int concurrency, int nodes)
    {
        var engines = Enumerable.Range(0, nodes)
            .Select(_ => new WorkflowEngine(scratch.Engine.Catalog, store, scratch.Engine.Services, new WorkflowEngineOptions { MaxConcurrentInstances = concurrency }))
            .ToArray();
        var ran = new int[nodes];
        for (var n = 0; n < nodes; n++)
        {
            var index = n;
            engines[n].StepStarting += step =>
            {
                if (step.StepsDone == 0)
                    Interlocked.Increment(ref ran[index]);
            };
        }

        for (var i = 0; i < instances; i++)
        {
            await engines[0].StartAsync("five", new StartRequest(BenchScratch.PatientId));
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(engines.Select(e => e.ResumeAllAsync()));
        var seconds = clock.Elapsed.TotalSeconds;
        var completed = await store.CountAsync(InstanceStatus.Completed);
        if (completed != instances)
        {
            throw new InvalidOperationException($"{completed} of {instances} instances completed.");
        }

        return (instances / seconds, ran);
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // Each figure's line, formatted with the invariant culture: the report reads the same on any machine.
    private static void Line(StringBuilder report, FormattableString text) => report.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
