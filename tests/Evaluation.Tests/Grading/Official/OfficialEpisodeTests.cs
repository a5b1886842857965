using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Grading.Official;
using ClinicalAgent.Evaluation.Runners;
using Store = ClinicalAgent.Evaluation.Tests.Grading.Official.OfficialShapedStore;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Our runs as the official graders see them: protocol steps replayed as turns, typed-tool writes as accepted POSTs.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class OfficialEpisodeTests(Store store)
{
    private const string Order = """
        {"resourceType":"MedicationRequest","medicationCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/ndc","code":"0338-1715-40"}]},
         "authoredOn":"2023-11-13T10:15:00+00:00","dosageInstruction":[{"route":"IV","doseAndRate":[{"doseQuantity":{"value":2,"unit":"g"},"rateQuantity":{"value":2,"unit":"h"}}]}],
         "status":"active","intent":"order","subject":{"reference":"Patient/S2000001"}}
        """;

    [Fact]
    public void FromRun_ProtocolSteps_ReplaysThePostAsAnAcceptedTurnAndCutsTheFinish()
    {
        var url = Episodes.Base + "MedicationRequest";
        var run = new TaskRun("FINISH([1.3])", [JsonSerializer.SerializeToElement(1.3)], [ProposedPost.FromJson(Order, url)],
            [new BenchStep("get", Episodes.Base + "Observation?patient=S2000001&code=MG", null, 1), new BenchStep("post", url, Order, 0), new BenchStep("finish", null, "FINISH([1.3])", 0)],
            "answered");

        var episode = OfficialEpisode.FromRun(run, Episodes.Base);

        var post = Assert.Single(OfficialPosts.Accepted(episode.History));
        Assert.Equal(url, post.Url);
        Assert.Equal("[1.3]", episode.Result);
    }

    [Fact]
    public void FromRun_ProtocolPostWhoseBodyDidNotParse_HasAPostButCountsNone()
    {
        var run = new TaskRun("POST x", null, [], [new BenchStep("invalid", Episodes.Base + "Observation", "{oops", 0, Error: "POST body is not JSON")], "invalid_action", true);

        var episode = OfficialEpisode.FromRun(run, Episodes.Base);

        Assert.True(OfficialPosts.HasPost(episode.History));
        Assert.Empty(OfficialPosts.Accepted(episode.History));
        Assert.Null(episode.Result);
    }

    [Fact]
    public async Task GradeAsync_ToolRunWithTheOfficialPayload_PassesAtTheGivenBase()
    {
        var run = new TaskRun("done [1.3]", [JsonSerializer.SerializeToElement(1.3)], [ProposedPost.FromJson(Order)], [new BenchStep("tool", "order_medication", "{}", 1)], "answered");

        var verdict = await new OfficialGrader(store.Store, "http://example.org/fhir").GradeAsync(Episodes.Task(5, Store.MagnesiumLow), run, CancellationToken.None);

        Assert.True(verdict.Passed, verdict.Rule);
        Assert.Equal("official", verdict.Profile);
        Assert.Equal("task5.answer", verdict.Rule?.Split(':')[0]);
    }

    [Fact]
    public async Task GradeAsync_ToolRunThatNeverAnswered_FailsAsUnfinished()
    {
        var run = new TaskRun("", null, [ProposedPost.FromJson(Order)], [new BenchStep("tool", "order_medication", "{}", 1)], "step_limit");

        var verdict = await new OfficialGrader(store.Store).GradeAsync(Episodes.Task(5, Store.MagnesiumLow), run, CancellationToken.None);

        Assert.False(verdict.Passed);
        Assert.StartsWith("task5.finished:", Assert.Single(verdict.Failures));
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("true", "1", true)]
    [InlineData("\"57\"", "57", false)]
    [InlineData("{\"value\": 2, \"unit\": \"g\"}", "{\"unit\": \"g\", \"value\": 2.0}", true)]
    [InlineData("{\"value\": 2, \"unit\": \"g\"}", "{\"value\": 2, \"unit\": \"g\", \"system\": \"x\"}", false)]
    [InlineData("[1.3]", "[1.30]", true)]
    [InlineData("9007199254740993", "9007199254740992.0", false)]
    public void Equal_TwoJsonValues_ComparesAsPythonDoes(string left, string right, bool equal)
    {
        var result = PyJson.Equal(PyJson.Loads(left), PyJson.Loads(right));

        Assert.Equal(equal, result);
    }
}
