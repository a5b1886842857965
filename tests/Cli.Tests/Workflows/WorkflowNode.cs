using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// One <c>serve</c> node as a real clinicalagent process over a remote FHIR server, with the workflow store in
/// PostgreSQL (the connection string reaches it through an environment variable, as in production). Keeps what it logs.
/// </summary>
internal sealed class WorkflowNode : IAsyncDisposable
{
    public const string ConnectionVariable = "CLINICALAGENT_TEST_WORKFLOWS_PG";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private WorkflowNode(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public HttpClient Client { get; }

    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>Starts a node and waits until it answers on <c>/workflows</c>.</summary>
    public static async Task<WorkflowNode> StartAsync(WorkflowCliFolder folder, string fhirBase, string connectionString, string settings)
    {
        var port = ServeCommandTests.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [Path.Combine(AppContext.BaseDirectory, "clinicalagent.dll"), "serve", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{port}",
            "--fhir", fhirBase, "--settings", settings, "--workflows", folder.Workflows, "--db", Path.Combine(folder.Root, $"unused-{port}.db")];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[ConnectionVariable] = connectionString;
        var node = new WorkflowNode(Process.Start(start)!, port);
        try
        {
            await ServeCommandTests.WaitUpAsync(node.Client, "/workflows");
        }
        catch (TimeoutException)
        {
            await node.DisposeAsync();
            throw new TimeoutException("A serve node did not come up: " + string.Join(Environment.NewLine, node.Log.TakeLast(20)));
        }

        return node;
    }

    /// <summary>Settings every node here shares: PostgreSQL, short leases, a quick take-over sweep and Quartz check-in.</summary>
    public static string WriteSettings(WorkflowCliFolder folder) =>
        Write(folder, $$$"""
            {"Logging": {"LogLevel": {"Default": "Information"}},
             "Workflows": {"Store": "postgres", "Postgres": {"ConnectionStringVariable": "{{{ConnectionVariable}}}"},
               "Lease": "00:00:03", "TakeOverInterval": "00:00:00.5", "MisfireThreshold": "00:00:01", "ClusterCheckinInterval": "00:00:01",
               "RemotePollInterval": "00:01:00"}}
            """);

    /// <summary>SIGKILL: no shutdown code runs, the claim and the scheduler's check-in are left behind.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        Client.Dispose();
    }

    private static string Write(WorkflowCliFolder folder, string json)
    {
        var path = Path.Combine(folder.Root, "cluster-settings.json");
        File.WriteAllText(path, json);
        return path;
    }
}
