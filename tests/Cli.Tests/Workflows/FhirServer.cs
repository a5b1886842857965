using System.Text.Json.Nodes;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>The EHR the workflow nodes share: <c>fhir serve</c> in this process over the folder's store.</summary>
internal sealed class FhirServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<CliRun> _run;
    private readonly HttpClient _client;

    private FhirServer(WorkflowCliFolder folder, int port)
    {
        Base = $"http://127.0.0.1:{port}/fhir/";
        _run = CliRun.RunAsync(_stop.Token, "fhir", "serve", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{port}", "--db", folder.Db);
        _client = new HttpClient { BaseAddress = new Uri(Base) };
    }

    public string Base { get; }

    public static async Task<FhirServer> StartAsync(WorkflowCliFolder folder)
    {
        var server = new FhirServer(folder, CrossProcess.FreePort());
        await CrossProcess.WaitUpAsync(server._client, "metadata");
        return server;
    }

    /// <summary>How many resources of <paramref name="type"/> the server holds.</summary>
    public async Task<int> CountAsync(string type)
    {
        var bundle = JsonNode.Parse(await _client.GetStringAsync($"{type}?_count=100"))!;
        return bundle["entry"]?.AsArray().Count(e => e?["resource"]?["resourceType"]?.GetValue<string>() == type) ?? 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        _client.Dispose();
    }
}
