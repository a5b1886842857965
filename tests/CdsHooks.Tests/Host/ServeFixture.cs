using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClinicalAgent.Cli;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>
/// The real <c>serve</c> (run in-process as the command line runs it, authorization on) over a store seeded with the
/// default synthetic patients, the sample workflows, and a test EHR trusted by <c>CdsHooks:Issuers</c> whose JWKS is
/// served on loopback.
/// </summary>
public sealed partial class ServeFixture : IAsyncLifetime
{
    public const string EhrIssuer = "https://ehr.test/issuer";

    public const string Now = "2026-03-01T09:00:00Z";

    private readonly CancellationTokenSource _stop = new();
    private readonly SyncWriter _log = new();
    private Task<int>? _serve;
    private string _folder = "";

    internal EhrSigner Ehr { get; } = new(EhrIssuer);

    internal JwksServer Jwks { get; private set; } = null!;

    public string Db => Path.Combine(_folder, "store.db");

    /// <summary>Where serve listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>What serve wrote to stderr (its log and banner).</summary>
    public string Log => _log.ToString();

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("clinicalagent-cds-").FullName;
        var seed = await RunCliAsync("fhir", "seed", "--now", Now, "--no-images", "--db", Db);
        Assert.True(seed.Code == 0, seed.Error);
        Jwks = await JwksServer.StartAsync(Ehr.Jwks);
        var settings = Path.Combine(_folder, "cds.json");
        // A roomy budget: the tests share two cores with others; the budget itself is tested on a fake clock.
        await File.WriteAllTextAsync(settings, new JsonObject
        {
            ["CdsHooks"] = new JsonObject
            {
                ["TimeBudget"] = "00:00:20",
                ["Issuers"] = new JsonArray(new JsonObject { ["Issuer"] = EhrIssuer, ["JwksUrl"] = Jwks.Url }),
            },
        }.ToJsonString());
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        _serve = CliApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--db", Db, "--workflows", samples, "--settings", settings, "--log-level", "information"],
            TextWriter.Null, _log, _stop.Token);
        // serve writes its address once Kestrel listens: wait for that line (or serve ending) instead of polling.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var up = _log.WaitForAnyAsync(limit.Token, "Serving the web app at ");
        await Task.WhenAny(up, _serve);
        if (_serve.IsCompleted)
            throw new InvalidOperationException($"serve stopped: {Log}");
        Assert.True(up.IsCompletedSuccessfully, $"serve did not come up: {Log}");
        // The line arrives in one write, so the address after the marker is there with it.
        BaseUrl = Serving().Match(Log).Groups[1].Value;
        Assert.True(BaseUrl.Length > 0, $"serve did not come up: {Log}");
    }

    /// <summary>
    /// Waits until serve's log holds one of <paramref name="markers"/> and returns it; fails after a minute with the log.
    /// </summary>
    public async Task<string> WaitForLogAsync(params string[] markers)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            return await _log.WaitForAnyAsync(limit.Token, markers);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"serve's log never said any of: {string.Join(" | ", markers)}\n{Log}");
        }
    }

    /// <summary>An access token from the store's local authorization server (what serve trusts for /fhir and /workflows).</summary>
    public async Task<string> LocalTokenAsync(string scope, string? user = null)
    {
        string[] args = user is null
            ? ["auth", "token", "--scope", scope, "--db", Db]
            : ["auth", "token", "--scope", scope, "--user", user, "--db", Db];
        var run = await RunCliAsync(args);
        Assert.True(run.Code == 0, run.Error);
        return run.Output.Trim();
    }

    /// <summary>The URL the EHR's JWT must name as its audience for <paramref name="serviceId"/>.</summary>
    public string ServiceUrl(string serviceId) => $"{BaseUrl}/cds-services/{serviceId}";

    /// <summary>A JWT from the trusted test EHR for <paramref name="serviceId"/>, valid now.</summary>
    public string EhrToken(string serviceId) => Ehr.Token(ServiceUrl(serviceId), DateTimeOffset.UtcNow);

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> with <paramref name="bearer"/>.</summary>
    public async Task<(int Status, JsonNode? Body)> PostAsync(string path, JsonNode body, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>GETs <paramref name="path"/> as JSON with <paramref name="bearer"/>.</summary>
    public async Task<JsonNode> GetAsync(string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_serve is not null)
            await _serve;
        await Jwks.DisposeAsync();
        Http.Dispose();
        Ehr.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still be closing a file; the temporary folder goes with the machine.
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new SyncWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"Serving the web app at (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex Serving();
}

/// <summary>The tests that share one serve.</summary>
[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "serve";
}
