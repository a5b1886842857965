using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ClinicalAgent.Cli;
using ClinicalAgent.Mcp.Tests;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>
/// The real <c>serve</c> composition, in-process on a free loopback port, with authorization on (the local
/// authorization server), a seeded store of synthetic patients, and the tiny random-weight model with its vision
/// projector. <see cref="ApiKey"/> is a token from <c>clinicalagent auth token</c>, what an OpenAI client sends as its key.
/// </summary>
public sealed class ServeFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-modelapi-").FullName;
    private TinyModelFixture? _tiny;
    private readonly SignalingWriter _serveError = new();
    private Task<int>? _serve;

    /// <summary>The served model's id: the tiny GGUF's file name.</summary>
    public string ModelId => Path.GetFileName(Tiny.ModelPath);

    /// <summary>The base URL of the OpenAI-compatible endpoint, ending with /v1.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>A bearer token the served endpoints accept.</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>The store <c>serve</c> reads, seeded with two synthetic patients.</summary>
    public string Db => Path.Combine(_folder, "store.db");

    public TinyModelFixture Tiny => _tiny ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _tiny = new TinyModelFixture();
        var seed = await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "7", "--now", "2023-11-13T10:15:00Z", "--db", Db);
        if (seed.ExitCode != 0)
            throw new InvalidOperationException(seed.Error);
        var token = await CliRun.RunAsync("auth", "token", "--scope", "system/*.rs", "--lifetime", "02:00:00");
        if (token.ExitCode != 0)
            throw new InvalidOperationException(token.Error);
        ApiKey = token.Output.Trim();

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1/");
        _serve = CliApp.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--db", Db,
            "--model", Tiny.ModelPath, "--mmproj", Tiny.ProjectorPath, "--threads", "1", "--context", "32768", "--max-tokens", "1024", "--seed", "3"],
            TextWriter.Null, _serveError, _stop.Token);
        // serve says "Serving …" once Kestrel listens: wait for that line (or serve ending) instead of polling.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var up = _serveError.WaitForAsync("Serving ", limit.Token);
        await Task.WhenAny(up, _serve);
        if (!up.IsCompletedSuccessfully)
            throw new InvalidOperationException($"serve did not come up: {_serveError}");
    }

    /// <summary>An HTTP client on /v1 (relative paths such as <c>models</c>), with the API key unless told otherwise.</summary>
    public HttpClient Client(bool authorized = true)
    {
        var client = new HttpClient { BaseAddress = Endpoint, Timeout = TimeSpan.FromMinutes(3) };
        if (authorized)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_serve is not null)
            await _serve;
        _stop.Dispose();
        _tiny?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The store may still be mapped on some platforms; a leftover temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
