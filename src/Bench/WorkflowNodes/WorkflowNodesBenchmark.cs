using System.Diagnostics;
using System.Globalization;
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
public static class WorkflowNodesBenchmark
{
    public const string Usage = "usage: ClinicalAgent.Bench workflow-nodes --postgres CONNECTION [--instances 300] [--concurrency 8]   (or $CLINICALAGENT_BENCH_POSTGRES; needs CREATEDB)";

    private const string FiveSteps = """
        name: five
        steps:
          - id: lab
            type: fhir_query
            query: "Observation?patient={{ patient }}&code=http://loinc.org|2823-3&_sort=-date&_count=1"
          - id: low
            type: condition
            if: lab.count > 0 and lab.value < 3.5
            else: end
          - id: order
            type: fhir_write
            resource:
              resourceType: ServiceRequest
              status: active
              intent: order
              code: { coding: [{ system: http://loinc.org, code: 2823-3 }] }
              subject: { reference: "Patient/{{ patient }}" }
          - id: flag
            type: notify
            channel: flag
            message: "Low potassium {{ lab.value }}: recheck {{ order.reference }}"
          - id: done
            type: condition
            if: exists(order.id)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (postgres, instances, concurrency) = (Environment.GetEnvironmentVariable("CLINICALAGENT_BENCH_POSTGRES"), 300, 8);
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var number = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
            switch (args[i])
            {
                case "--postgres" when value is not null: postgres = value; break;
                case "--instances" when number is not null: instances = number.Value; break;
                case "--concurrency" when number is not null: concurrency = number.Value; break;
                default:
                    await Console.Error.WriteLineAsync($"Bad option '{args[i]}'.{Environment.NewLine}{Usage}");
                    return 2;
            }
        }

        if (postgres is null)
        {
            await Console.Error.WriteLineAsync("No PostgreSQL server given." + Environment.NewLine + Usage);
            return 2;
        }

        var machine = Store.MachineFacts.Current();
        Console.WriteLine($"# Workflow nodes benchmark\n\n{machine.Cores} cores, {machine.Cpu}, {machine.Os}; {instances} instances of a five-step workflow, {concurrency} at once per node\n");
        var sqlite = await RunSqliteAsync(instances, concurrency);
        Console.WriteLine(Invariant($"SQLite, 1 node: {sqlite:0.0} instances/s"));
        var one = await RunPostgresAsync(postgres, instances, concurrency, nodes: 1);
        Console.WriteLine(Invariant($"PostgreSQL, 1 node: {one.PerSecond:0.0} instances/s ({one.PerSecond / sqlite:0.00}x SQLite)"));
        var two = await RunPostgresAsync(postgres, instances, concurrency, nodes: 2);
        Console.WriteLine(Invariant($"PostgreSQL, 2 nodes: {two.PerSecond:0.0} instances/s ({two.PerSecond / one.PerSecond:0.00}x one node; instances run per node: {string.Join(" + ", two.PerNode)})"));
        return 0;
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
        var scratch = new BenchScratch(("five", FiveSteps));
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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
