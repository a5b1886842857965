using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Cli.Tests;

// Tests here read the model variables of the process, so they never run beside the ones that set them.
[Collection(EnvironmentCollection.Name)]
public sealed class ChatCommandTests : IAsyncLifetime
{
    private const string Now = "2023-11-13T10:15:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-chat-").FullName;
    private ScriptedOpenAIServer _server = null!;
    private string _patientId = null!;

    private string Db => Path.Combine(_folder, "store.db");

    public async Task InitializeAsync()
    {
        _server = await ScriptedOpenAIServer.StartAsync();
        await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "5", "--now", Now, "--db", Db);
        _patientId = new SyntheticPatientGenerator(new SyntheticOptions(2, 5, DateTimeOffset.Parse(Now))).Generate().OfType<Patient>().First().Id!;
    }

    [Fact]
    public async Task Chat_FollowUpQuestion_StreamsAnswersCitesAndSendsTheFirstTurnAlong()
    {
        var potassium = await LatestPotassiumIdAsync();
        _server.ThenCall("get_observations", new { patient_id = _patientId, code = "potassium", latest_only = true })
            .ThenAnswer($"Potassium: see {potassium}; also Observation/made-up.")
            .ThenAnswer("Yes, the same one.");

        var run = await Chat($"/patient {_patientId}\nLatest potassium?\nSame one?\n/trace\n/exit\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Patient: {_patientId}. Started a new conversation.", run.Output);
        Assert.Contains($"Potassium: see {potassium}; also Observation/made-up.", run.Output);
        Assert.Contains("Yes, the same one.", run.Output);
        Assert.Contains("· get_observations", run.Error);
        // Only what a tool returned is a citation.
        Assert.Contains($"Cited: {potassium}\n", run.Error.Replace("\r", "", StringComparison.Ordinal));
        // /trace shows the last turn: one model call, answered.
        Assert.Matches(@" 1 model .*\nAnswered; cited nothing\.", run.Output.Replace("\r", "", StringComparison.Ordinal));
        var third = _server.Requests[2]["messages"]!.AsArray();
        Assert.Contains(third, m => (string?)m!["role"] == "tool");
        Assert.Equal(["Latest potassium?", "Same one?"], third.Where(m => (string?)m!["role"] == "user").Select(m => (string?)m!["content"]));
        // The system message is sent as text parts (the patient line is a part of its own, after the cacheable prefix).
        Assert.Contains(_patientId, MessageText(third[0]!["content"]!));
        Assert.True(_server.Requests.All(r => r["stream"]?.GetValue<bool>() == true));
    }

    [Fact]
    public async Task Chat_UnknownPatient_SaysSoAndKeepsGoing()
    {
        _server.ThenAnswer("Hello.");

        var run = await Chat("/patient S0000000\n/patient\nHi\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("error: ", run.Output);
        Assert.Contains("S0000000", run.Output);
        Assert.Contains("No patient chosen", run.Output);
        Assert.Contains("Hello.", run.Output);
    }

    [Fact]
    public async Task Chat_AskModeApprove_WritesOnlyAfterApprovalAndOnce()
    {
        _server.ThenCall("record_vital_sign", new { patient_id = _patientId, kind = "blood_pressure", value = "118/77 mmHg" })
            .ThenAnswer("Proposed the blood pressure.")
            .ThenCall("record_vital_sign", new { patient_id = _patientId, kind = "blood_pressure", value = "118/77 mmHg" })
            .ThenAnswer("Proposed it again.");

        var run = await Chat($"Record BP 118/77\n/pending\n/approve\nRecord it again\n/approve\n/exit\n", "--writes", "ask");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Proposed write w1 (record_vital_sign)", run.Output);
        Assert.Contains("\"code\": \"85354-9\"", run.Output);
        Assert.Contains("\"value\": 118,", run.Output);
        Assert.Matches(@"Approved w1 by .+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: written as Observation/", run.Output);
        // The same proposal again has the same idempotency key: approving it finds the first write.
        Assert.Contains("Approved w2 by", run.Output);
        Assert.Contains("already in the record as Observation/", run.Output);
        Assert.Single(await BloodPressuresAsync());
    }

    [Fact]
    public async Task Chat_AskModeReject_WritesNothing()
    {
        _server.ThenCall("record_vital_sign", new { patient_id = _patientId, kind = "blood_pressure", value = "120/80 mmHg" }).ThenAnswer("Proposed.");

        var run = await Chat("Record BP 120/80\n/reject wrong patient\n/approve\n", "--writes", "ask");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Rejected w1 by", run.Output);
        Assert.Contains("(wrong patient): nothing written.", run.Output);
        Assert.Contains("No write is waiting for approval.", run.Output);
        Assert.Empty(await BloodPressuresAsync());
    }

    [Fact]
    public async Task Chat_DefaultDeny_ModelHearsDeniedAndNothingIsWritten()
    {
        _server.ThenCall("record_vital_sign", new { patient_id = _patientId, kind = "blood_pressure", value = "120/80 mmHg" }).ThenAnswer("I could not write it.");

        var run = await Chat("Record BP 120/80\n/approve\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("writes deny", run.Error);
        Assert.Contains("No write is waiting for approval.", run.Output);
        var toolResult = _server.Requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool");
        Assert.Contains("denied", (string?)toolResult!["content"]);
        Assert.Empty(await BloodPressuresAsync());
    }

    [Fact]
    public async Task Chat_ModelServerFails_ReportsItAndTheNextQuestionWorks()
    {
        _server.ThenFail(400).ThenAnswer("Back again.");

        var run = await Chat("First?\nSecond?\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("error: ", run.Error);
        Assert.Contains("the conversation goes on", run.Error);
        Assert.Contains("Back again.", run.Output);
        Assert.Equal(["Second?"], _server.Requests[1]["messages"]!.AsArray().Where(m => (string?)m!["role"] == "user").Select(m => (string?)m!["content"]));
    }

    [Fact]
    public async Task Chat_NoModel_SaysHowToGetOne()
    {
        var run = await CliRun.RunWithInputAsync("hi\n", "chat", "--db", Path.Combine(_folder, "other.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("clinicalagent model pull", run.Error);
        Assert.False(File.Exists(Path.Combine(_folder, "other.db")));
    }

    private async Task<CliRun> Chat(string input, params string[] extra)
    {
        var run = await CliRun.RunWithInputAsync(input, ["chat", "--db", Db, "--provider", "openai", "--endpoint", _server.Endpoint.ToString(), "--model-name", "scripted", .. extra]);
        return run;
    }

    private async Task<string> LatestPotassiumIdAsync()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Db });
        var bundle = await store.SearchAsync("Observation", SearchQuery.Parse($"patient={_patientId}&code=http://loinc.org|2823-3&_sort=-date&_count=1"));
        return $"Observation/{bundle.Entry.Single().Resource.Id}";
    }

    private async Task<List<Observation>> BloodPressuresAsync()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Db });
        var bundle = await store.SearchAsync("Observation", SearchQuery.Parse($"patient={_patientId}&code=http://loinc.org|85354-9&identifier=urn:clinicalagent:idempotency|"));
        return bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToList();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A message's text, whether sent as one string or as an array of text parts.</summary>
    private static string MessageText(System.Text.Json.Nodes.JsonNode content) => content is System.Text.Json.Nodes.JsonArray parts
        ? string.Concat(parts.Select(p => (string?)p!["text"]))
        : (string?)content ?? "";
}
