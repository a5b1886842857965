using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Protocol;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Search;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Tests.Protocol;

/// <summary>The MedAgentBench text protocol over real HTTP: our store served by Kestrel on loopback, a scripted model.</summary>
[Collection(BenchStoreCollection.Name)]
public sealed class ProtocolAgentTests(BenchStore bench) : IAsyncLifetime
{
    private LoopbackFhirServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await LoopbackFhirServer.StartAsync(bench.Store);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_ScriptedGetThenFinish_ReadsTheServerAndPasses()
    {
        var task = bench.Tasks.First(t => t.Category == 4 && t.Expected!.Branch == "recent");
        var client = new ScriptedProtocolClient(messages => messages.Count == 1
            ? $"GET {_server.BaseUrl}Observation?patient={task.EvalMrn}&code=http://loinc.org|19123-9&_sort=-date&_count=1"
            : $"FINISH([{LatestValue(messages[^1].Text)}])");

        var run = await new ProtocolAgent(_http, _server.BaseUrl, client).RunAsync(task, CancellationToken.None);

        Assert.Equal("answered", run.StoppedReason);
        Assert.Equal(["model", "get", "model", "finish"], run.Steps.Select(s => s.Kind));
        Assert.Null(run.Steps[1].Error);
        Assert.True(TaskGrader.Grade(task, run.Answer, run.Posts).Passed);
    }

    [Fact]
    public async Task RunAsync_ScriptedPotassiumOrders_RecordsPostsWithoutSendingThem()
    {
        var task = bench.Tasks.First(t => t.Category == 9 && t.Expected!.Action);
        var before = await CountAsync("MedicationRequest", task.EvalMrn!);
        var dose = task.Expected!.Dose!.Value.ToString(CultureInfo.InvariantCulture);
        var replies = new Queue<string>(
        [
            $$"""
            POST {{_server.BaseUrl}}MedicationRequest
            {"resourceType":"MedicationRequest","status":"active","intent":"order","authoredOn":"2023-11-13T10:15:00+00:00",
             "medicationCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/ndc","code":"40032-917-01"}]},
             "subject":{"reference":"Patient/{{task.EvalMrn}}"},
             "dosageInstruction":[{"route":{"text":"oral"},"doseAndRate":[{"doseQuantity":{"unit":"mEq","value":{{dose}}} }]}]}
            """,
            $$"""
            POST {{_server.BaseUrl}}ServiceRequest
            {"resourceType":"ServiceRequest","status":"active","intent":"order","authoredOn":"2023-11-13T10:15:00+00:00","priority":"stat",
             "code":{"coding":[{"system":"http://loinc.org","code":"2823-3"}]},"subject":{"reference":"Patient/{{task.EvalMrn}}"},
             "occurrenceDateTime":"2023-11-14T08:00:00+00:00"}
            """,
            "FINISH([])",
        ]);

        var run = await new ProtocolAgent(_http, _server.BaseUrl, new ScriptedProtocolClient(_ => replies.Dequeue())).RunAsync(task, CancellationToken.None);

        Assert.Equal(["MedicationRequest", "ServiceRequest"], run.Posts.Select(p => p.ResourceType));
        var grade = TaskGrader.Grade(task, run.Answer, run.Posts);
        Assert.True(grade.Passed, string.Join(" ", grade.Failures));
        Assert.Equal(before, await CountAsync("MedicationRequest", task.EvalMrn!));
    }

    [Fact]
    public async Task RunAsync_ReplyOutsideProtocol_EndsAsInvalidAction()
    {
        var task = bench.Tasks.First(t => t.Category == 2);
        var client = new ScriptedProtocolClient(_ => "The patient is probably 60 years old.");

        var run = await new ProtocolAgent(_http, _server.BaseUrl, client).RunAsync(task, CancellationToken.None);

        Assert.True(run.InvalidAction);
        Assert.Equal("invalid_action", run.StoppedReason);
        Assert.Single(client.Calls);
    }

    [Fact]
    public async Task RunAsync_GetOutsideTheBase_IsRefusedNotSent()
    {
        var task = bench.Tasks.First(t => t.Category == 2);
        var client = new ScriptedProtocolClient(messages => messages.Count == 1 ? "GET http://example.invalid/steal?x=1" : "FINISH([-1])");

        var run = await new ProtocolAgent(_http, _server.BaseUrl, client).RunAsync(task, CancellationToken.None);

        Assert.Equal("outside the FHIR base", run.Steps[1].Error);
        Assert.Contains("may be queried", client.Calls[1][^1].Text);
    }

    private static string LatestValue(string message)
    {
        var json = message[(message.IndexOf('{'))..(message.LastIndexOf('}') + 1)];
        using var bundle = JsonDocument.Parse(json);
        return bundle.RootElement.GetProperty("entry")[0].GetProperty("resource").GetProperty("valueQuantity").GetProperty("value").GetRawText();
    }

    private async Task<int> CountAsync(string type, string mrn) =>
        (await bench.Store.SearchAsync(type, new SearchQuery([new("patient", mrn), new("_count", "500")]))).Entry.Count;
}
