using System.Net;
using System.Net.Sockets;
using ClinicalAgent.Cli;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ModelContextProtocol.Client;

namespace ClinicalAgent.Mcp.Tests;

/// <summary>
/// A synthetic store of three patients seeded through the product's own <c>fhir seed</c>, the built
/// <c>clinicalagent</c> binary to start <c>mcp</c> from, and one real <c>serve</c> (authorization on, the local
/// authorization server) on a loopback port for the HTTP tests.
/// </summary>
public sealed class McpFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SignalingWriter _serveError = new();
    private Task<int>? _serve;

    public string Folder { get; } = Directory.CreateTempSubdirectory("clinicalagent-mcp-").FullName;

    public string Database => Path.Combine(Folder, "store.db");

    /// <summary>The seeded patients' ids, in the store's order.</summary>
    public IReadOnlyList<string> PatientIds { get; private set; } = [];

    public Uri ServeRoot { get; private set; } = null!;

    public Uri McpEndpoint => new(ServeRoot, "/mcp");

    public static string Binary => Path.Combine(AppContext.BaseDirectory, "clinicalagent.dll");

    /// <summary>The folder holding ClinicalAgent.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "ClinicalAgent.sln")))
                    return folder.FullName;
            }

            throw new DirectoryNotFoundException("No ClinicalAgent.sln above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        var seeded = await CliRun.RunAsync("fhir", "seed", "--patients", "3", "--db", Database);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        using (var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Database }))
        {
            var bundle = await store.SearchAsync("Patient", SearchQuery.Empty);
            PatientIds = [.. bundle.Entry.Select(e => e.Resource.Id!)];
        }

        var port = FreePort();
        ServeRoot = new Uri($"http://127.0.0.1:{port}");
        _serve = CliApp.RunAsync(["serve", "--urls", ServeRoot.ToString().TrimEnd('/'), "--db", Database], TextReader.Null, new StringWriter(), _serveError, _stop.Token);
        var up = _serveError.WaitForAsync("Serving ", new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
        if (await Task.WhenAny(up, _serve) == _serve)
            throw new InvalidOperationException("serve stopped: " + _serveError);
        await up;
    }

    /// <summary>The MCP client of a new <c>clinicalagent mcp</c> child process over this store.</summary>
    public async Task<McpClient> StartStdioAsync(params string[] extraArguments)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "clinicalagent",
            Command = "dotnet",
            Arguments = [Binary, "mcp", "--db", Database, .. extraArguments],
            EnvironmentVariables = UserFolders.ChildEnvironment(),
        });
        return await McpClient.CreateAsync(transport);
    }

    /// <summary>The MCP client of <c>/mcp</c>, with <paramref name="token"/> as its bearer token.</summary>
    public async Task<McpClient> ConnectHttpAsync(string? token)
    {
        var options = new HttpClientTransportOptions { Endpoint = McpEndpoint, TransportMode = HttpTransportMode.StreamableHttp };
        if (token is not null)
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        return await McpClient.CreateAsync(new HttpClientTransport(options));
    }

    /// <summary>An access token from the local authorization server <c>serve</c> trusts.</summary>
    public static async Task<string> TokenAsync(string scope, string? patient = null, string? user = null)
    {
        List<string> args = ["auth", "token", "--scope", scope];
        if (patient is not null)
            args.AddRange(["--patient", patient]);
        if (user is not null)
            args.AddRange(["--user", user]);
        var run = await CliRun.RunAsync([.. args]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output.Trim();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_serve is not null)
            await _serve;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
