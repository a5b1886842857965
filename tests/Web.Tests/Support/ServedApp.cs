using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Cli;
using ClinicalAgent.Cli.Tests;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Web.Tests.Support;

/// <summary>
/// The real <c>serve</c> composition, run in-process as the CLI runs it, on a loopback port: a store seeded by
/// <c>fhir seed</c>, the local authorization server in a temporary folder, the agent on a scripted
/// OpenAI-compatible server, writes in Ask mode, one workflow instance waiting for approval.
/// </summary>
internal sealed partial class ServedApp : IAsyncDisposable
{
    public const string ReviewWorkflow = """
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

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-web-").FullName;
    private CancellationTokenSource _stop = new();
    private SyncTextWriter _error = new();
    private Task<int>? _serve;
    private string[] _serveArgs = [];
    private ServedAppSetup _setup = new();

    public ScriptedOpenAIServer Model { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string Db => Path.Combine(_folder, "store.db");

    public string Settings => Path.Combine(_folder, "settings.json");

    public string Workflows => Path.Combine(_folder, "workflows");

    public string BenchmarkFolder => Path.Combine(_folder, "bench");

    /// <summary>The one-time sign-in link serve printed (null with authorization off).</summary>
    public string? SignInLink { get; private set; }

    /// <summary>A patient of the store with images (and the generator's labs and problems); the store also holds Practitioner/{OS user}.</summary>
    public string PatientId { get; private set; } = "";

    /// <summary>The workflow instance waiting for approval when serve started.</summary>
    public string WaitingInstance { get; private set; } = "";

    public static async Task<ServedApp> StartAsync(bool authorization, ServedAppSetup? setup = null)
    {
        var app = new ServedApp { _setup = setup ?? new ServedAppSetup() };
        await app.StartCoreAsync(authorization);
        return app;
    }

    /// <summary>The folder of the local authorization server's keys and clients.</summary>
    public string AuthFolder => Path.Combine(_folder, "auth");

    /// <summary>
    /// Stops serve, runs <paramref name="between"/> (delete a key, change a file), and starts it again on the same
    /// address and store; its sign-in sessions are gone (it prints a new <see cref="SignInLink"/>).
    /// </summary>
    public async Task RestartAsync(Action between)
    {
        await _stop.CancelAsync();
        await _serve!;
        between();
        _stop = new CancellationTokenSource();
        await ServeAsync();
    }

    /// <summary>Runs another clinicalagent command on the same store and settings.</summary>
    public async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", Db, "--settings", Settings], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A bearer token from the served local authorization server, as <c>auth token</c> prints it.</summary>
    public async Task<string> TokenAsync(string scopes)
    {
        var (code, output, error) = await CliAsync("auth", "token", "--scope", scopes, "--user", "test-reader");
        return code == 0 ? output.Trim() : throw new InvalidOperationException(error);
    }

    /// <summary>GETs <paramref name="path"/> of the served FHIR or workflow API with a reader's token (none when <paramref name="scopes"/> is null: authorization off).</summary>
    public async Task<JsonElement> GetJsonAsync(string path, string? scopes)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
        if (scopes is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(scopes));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new HttpRequestException($"{(int)response.StatusCode} {text}");
    }

    private async Task StartCoreAsync(bool authorization)
    {
        Model = await ScriptedOpenAIServer.StartAsync();
        Directory.CreateDirectory(Workflows);
        Directory.CreateDirectory(Path.Combine(BenchmarkFolder, "empty-run", "results"));
        await File.WriteAllTextAsync(Path.Combine(Workflows, "review.yaml"), ReviewWorkflow);
        await File.WriteAllTextAsync(Settings, JsonSerializer.Serialize(new
        {
            Model = new { Provider = "openai", Endpoint = Model.Endpoint.ToString(), Name = "scripted" },
            Tools = new { WriteApproval = "Ask" },
            Auth = new { Server = new { Folder = Path.Combine(_folder, "auth") } },
            Web = new { BenchmarkFolder, _setup.RemoteClients },
        }));

        var seed = await CliAsync("fhir", "seed", "--patients", _setup.Patients.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", _setup.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (seed.Code != 0)
            throw new InvalidOperationException(seed.Error);
        PatientId = await PatientWithImagesAsync();
        var run = await CliAsync("workflow", "run", "review", "--patient", PatientId, "--input", "reason=falls risk", "--workflows", Workflows);
        WaitingInstance = InstanceId().Match(run.Output).Groups[1].Value;

        if (_setup.BeforeServe is { } before)
            await before(this);

        // A free port can be taken by another test process between FreePort and serve's bind (seen in CI): try another.
        for (var attempt = 1; ; attempt++)
        {
            BaseUrl = $"http://{_setup.Host}:{_setup.Port ?? FreePort()}";
            _serveArgs = ["serve", "--urls", BaseUrl, "--db", Db, "--settings", Settings, "--workflows", Workflows, .. authorization ? Array.Empty<string>() : ["--insecure-no-auth"]];
            try
            {
                await ServeAsync();
                return;
            }
            catch (InvalidOperationException e) when (_setup.Port is null && attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private async Task ServeAsync()
    {
        _error = new SyncTextWriter();
        _serve = CliApp.RunAsync(_serveArgs, TextWriter.Null, _error, _stop.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var printed = await Task.WhenAny(_error.WaitForAsync("Ctrl+C stops.", timeout.Token), _serve);
        if (printed == _serve)
            throw new InvalidOperationException($"serve ended: {_error}");
        SignInLink = SignInPattern().Match(_error.ToString()) is { Success: true } link ? link.Groups[1].Value : null;
    }

    private async Task<string> PatientWithImagesAsync()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Db });
        // The signed-in person as the record knows them, so an approval's Provenance can reference them (not only name them).
        await store.UpdateAsync(new Hl7.Fhir.Model.Practitioner { Id = Environment.UserName });
        var studies = await store.SearchAsync("ImagingStudy", SearchQuery.Parse("_count=1"));
        var study = (Hl7.Fhir.Model.ImagingStudy)studies.Entry.First(e => e.Resource is Hl7.Fhir.Model.ImagingStudy).Resource;
        return study.Subject.Reference.Split('/')[1];
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_serve is not null)
            await _serve;
        if (Model is not null)
            await Model.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; a leftover temp folder is harmless.
        }
    }

    [GeneratedRegex(@"Sign in once with: (\S+)")]
    private static partial Regex SignInPattern();

    [GeneratedRegex("Instance ([0-9a-f]{32})")]
    private static partial Regex InstanceId();
}
