using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Cli.Tests;

/// <summary><c>ask</c> over an OpenAI-compatible server (scripted, on loopback) with each write policy.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class AskWritesTests : IAsyncLifetime
{
    private const string Now = "2023-11-13T10:15:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-askw-").FullName;
    private ScriptedOpenAIServer _server = null!;
    private string _patientId = null!;

    private string Db => Path.Combine(_folder, "store.db");

    public async Task InitializeAsync()
    {
        _server = await ScriptedOpenAIServer.StartAsync();
        await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--seed", "9", "--now", Now, "--db", Db);
        _patientId = new SyntheticPatientGenerator(new SyntheticOptions(1, 9, DateTimeOffset.Parse(Now))).Generate().OfType<Patient>().First().Id!;
        _server.ThenCall("order_service", new { patient_id = _patientId, kind = "lab", code = "4548-4", priority = "stat" }).ThenAnswer("Ordered an HbA1c.");
    }

    [Theory]
    [InlineData("y\n", 1)]
    [InlineData("n\n", 0)]
    [InlineData("", 0)]
    public async Task Ask_WritesAsk_WritesOnlyOnYes(string input, int expectedOrders)
    {
        var run = await CliRun.RunWithInputAsync(input, Ask("--writes", "ask"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Ordered an HbA1c.", run.Output.Trim());
        Assert.Contains("Proposed write w1 (order_service)", run.Error);
        Assert.Contains("\"resourceType\": \"ServiceRequest\"", run.Error);
        Assert.Contains(expectedOrders == 1 ? "Approved w1 by" : "Rejected w1 by", run.Error);
        Assert.Equal(expectedOrders, (await OrdersAsync()).Count);
        Assert.Contains($"{_server.Endpoint}", run.Error);
    }

    [Fact]
    public async Task Ask_AllowWrites_WritesWithoutAsking()
    {
        var run = await CliRun.RunAsync(Ask("--allow-writes"));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Proposed write", run.Error);
        var order = Assert.Single(await OrdersAsync());
        Assert.Equal("4548-4", order.Code.Coding.Single().Code);
        var toolResult = _server.Requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool");
        Assert.Contains($"ServiceRequest/{order.Id}", (string?)toolResult!["content"]);
    }

    [Fact]
    public async Task Ask_Default_DeniesTheWrite()
    {
        var run = await CliRun.RunAsync(Ask());

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(await OrdersAsync());
        var toolResult = _server.Requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool");
        Assert.Contains("denied", (string?)toolResult!["content"]);
    }

    [Theory]
    [InlineData("--allow-writes --writes deny", "contradicts --writes deny")]
    [InlineData("--provider pigeon", "'pigeon' is unknown")]
    [InlineData("--writes record", "--writes takes deny, ask or allow")]
    public async Task Ask_BadOptions_FailWithoutCallingTheModel(string options, string message)
    {
        var run = await CliRun.RunAsync(["ask", "Order an HbA1c", "--db", Db, .. options.Split(' ')]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Ask_OpenAIWithoutEndpoint_SaysWhatIsMissing()
    {
        var run = await CliRun.RunAsync("ask", "hi", "--db", Db, "--provider", "openai", "--model-name", "x");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Model:Endpoint", run.Error); // the key --endpoint sets
    }

    private string[] Ask(params string[] extra) =>
        ["ask", "Order a stat HbA1c", "--db", Db, "--patient", _patientId, "--provider", "openai", "--endpoint", _server.Endpoint.ToString(), "--model-name", "scripted", .. extra];

    private async Task<List<ServiceRequest>> OrdersAsync()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Db });
        var bundle = await store.SearchAsync("ServiceRequest", SearchQuery.Parse($"patient={_patientId}&identifier=urn:clinicalagent:idempotency|"));
        return bundle.Entry.Select(e => e.Resource).OfType<ServiceRequest>().ToList();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
