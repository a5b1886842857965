using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Fhir.Tests.Remote.Auth;
using ClinicalAgent.Tools.Formatting;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Cli.Tests;

/// <summary>
/// The commands against a FHIR server that requires a SMART Backend Services token (the test EHR: a real token
/// endpoint checking the signed assertion, the REST facade behind it), configured as a user would: <c>--fhir</c> or a
/// <c>--settings</c> file with <c>Fhir:Auth:*</c>. The records are Synthea-shaped.
/// </summary>
public sealed class RemoteFhirCommandTests : IAsyncLifetime
{
    private const string ClientId = "clinicalagent-cli";
    private static readonly string[] PotassiumCodes = ["2823-3", "6298-4"];

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-remote-").FullName;
    private SmartTestServer _ehr = null!;
    private TestKey _key = null!;
    private List<Resource> _records = null!;
    private string _patientId = null!;

    private string Settings => Path.Combine(_folder, "settings.json");

    private string Db => Path.Combine(_folder, "unused.db");

    public async Task InitializeAsync()
    {
        _ehr = await SmartTestServer.StartAsync(TimeProvider.System);
        _records = [.. new SyntheticPatientGenerator(new SyntheticOptions(2, 7, DateTimeOffset.Parse("2023-11-13T10:15:00Z"), SyntheticStyle.Synthea)).Generate()];
        await ((SqliteFhirStore)_ehr.Store).LoadAsync(_records);
        _patientId = _records.OfType<Observation>().Where(o => PotassiumCodes.Contains(o.Code.Coding[0].Code))
            .GroupBy(o => o.Subject.Reference).MaxBy(g => g.Count())!.Key["Patient/".Length..];
        _key = TestKey.Ec();
        _ehr.RegisterClient(ClientId, _key);
        var settings = new JsonObject
        {
            ["Fhir"] = new JsonObject
            {
                ["BaseUrl"] = _ehr.FhirBaseUrl.AbsoluteUri,
                ["Auth"] = new JsonObject { ["Mode"] = "smart-backend", ["ClientId"] = ClientId, ["KeyFile"] = _key.WritePem(), ["KeyId"] = _key.KeyId },
            },
        };
        await File.WriteAllTextAsync(Settings, settings.ToJsonString());
    }

    [Fact]
    public async Task ToolsCall_SmartServer_FindsEveryPotassiumOfTheSyntheaPatient()
    {
        var expected = _records.OfType<Observation>()
            .Where(o => o.Subject.Reference == "Patient/" + _patientId && PotassiumCodes.Contains(o.Code.Coding[0].Code))
            .Select(o => $"Observation/{o.Id}").Order().ToList();

        var run = await CliRun.RunAsync("tools", "call", "get_observations", "--args",
            $$"""{"patient_id":"{{_patientId}}","code":"potassium","limit":1000}""", "--settings", Settings, "--db", Db);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(expected, ToolTable.Rows(json.RootElement).Select(r => r.GetProperty("id").GetString()).Order());
        Assert.Contains(expected, id => _records.OfType<Observation>().Single(o => $"Observation/{o.Id}" == id).Code.Coding[0].Code == "6298-4");
        Assert.True(_ehr.TokenRequests >= 1);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task ToolsCall_ServerNeedsTokenButNoneConfigured_SaysAuthorizationFailed()
    {
        var run = await CliRun.RunAsync("tools", "call", "get_patient", "--args", $$"""{"patient_id":"{{_patientId}}"}""",
            "--fhir", _ehr.FhirBaseUrl.AbsoluteUri, "--db", Db);

        Assert.Contains("401", run.Output + run.Error);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Ask_SmartServer_AnswersFromTheServersRecords()
    {
        await using var model = await ScriptedOpenAIServer.StartAsync();
        model.ThenCall("get_observations", new { patient_id = _patientId, code = "potassium", latest_only = true }).ThenAnswer("Potassium as recorded.");
        var latest = _records.OfType<Observation>()
            .Where(o => o.Subject.Reference == "Patient/" + _patientId && PotassiumCodes.Contains(o.Code.Coding[0].Code))
            .MaxBy(o => new FhirDateTime(((FhirDateTime)o.Effective).Value).ToDateTimeOffset(TimeSpan.Zero))!;

        var run = await CliRun.RunAsync("ask", "What is the latest potassium?", "--patient", _patientId, "--settings", Settings, "--db", Db,
            "--provider", "openai", "--endpoint", model.Endpoint.ToString(), "--model-name", "scripted");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Potassium as recorded.", run.Output.Trim());
        var toolResult = model.Requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool");
        Assert.Contains($"Observation/{latest.Id}", (string?)toolResult!["content"]);
        Assert.True(_ehr.FhirRequests > 0);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task FhirImport_SyntheaFolderToTheSmartServerTwice_StoresEachResourceOnce()
    {
        var export = Path.Combine(_folder, "export");
        await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "11", "--style", "synthea", "--format", "synthea", "--out", export);
        var before = await CountAsync("Observation");

        var first = await CliRun.RunAsync("fhir", "import", export, "--settings", Settings, "--db", Db);
        var afterFirst = await CountAsync("Observation");
        var second = await CliRun.RunAsync("fhir", "import", export, "--settings", Settings, "--db", Db);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"into the server {_ehr.FhirBaseUrl.AbsoluteUri}", first.Error);
        Assert.Contains("(0 created", second.Error);
        Assert.True(afterFirst > before);
        Assert.Equal(afterFirst, await CountAsync("Observation"));
        Assert.False(File.Exists(Db));
    }

    private async Task<int> CountAsync(string type) =>
        (await _ehr.Store.SearchAsync(type, new Fhir.Search.SearchQuery([new("_summary", "count")]))).Total ?? -1;

    public async Task DisposeAsync()
    {
        await _ehr.DisposeAsync();
        _key.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
