namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// One <c>serve</c> node as a real clinicalagent process over a remote FHIR server, with the workflow store in
/// PostgreSQL (the connection string reaches it through an environment variable, as in production). Keeps what it logs.
/// </summary>
internal sealed class WorkflowNode : IAsyncDisposable
{
    public const string ConnectionVariable = "CLINICALAGENT_TEST_WORKFLOWS_PG";

    private readonly CliProcess _process;

    private WorkflowNode(CliProcess process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Client { get; }

    public IReadOnlyList<string> Log => _process.Log;

    /// <summary>Starts a node and waits until it answers on <c>/workflows</c>.</summary>
    public static async Task<WorkflowNode> StartAsync(WorkflowCliFolder folder, string fhirBase, string connectionString, string settings)
    {
        var port = CrossProcess.FreePort();
        string[] args = ["serve", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{port}",
            "--fhir", fhirBase, "--settings", settings, "--workflows", folder.Workflows, "--db", Path.Combine(folder.Root, $"unused-{port}.db")];
        var node = new WorkflowNode(CliProcess.Start(args, (ConnectionVariable, connectionString)), port);
        try
        {
            await CrossProcess.WaitUpAsync(node.Client, "/workflows");
        }
        catch (TimeoutException)
        {
            await node.DisposeAsync();
            throw new TimeoutException("A serve node did not come up: " + node._process.Tail);
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

    /// <inheritdoc cref="CliProcess.KillAsync"/>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Client.Dispose();
    }

    private static string Write(WorkflowCliFolder folder, string json)
    {
        var path = Path.Combine(folder.Root, "cluster-settings.json");
        File.WriteAllText(path, json);
        return path;
    }
}
