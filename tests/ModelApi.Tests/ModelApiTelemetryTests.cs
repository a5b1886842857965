using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>Each /v1 request is one activity of ClinicalAgent.ModelApi with counts, never text.</summary>
[Collection(ServeCollection.Name)]
[Trait("Model", "Tiny")]
public sealed class ModelApiTelemetryTests(ServeFixture serve)
{
    [Fact]
    public async Task Completion_Served_EmitsOneActivityWithModelStreamAndTokenCountsButNoText()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ClinicalAgent.ModelApi",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) activities.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = serve.Client();
        var body = ChatCompletionHttpTests.Body();
        body["messages"]![0]!["content"] = "Potassium 3.2 for Jane Roe?";

        using var response = await ChatCompletionHttpTests.PostAsync(client, body);
        var usage = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["usage"]!;

        Activity activity;
        lock (activities)
            activity = Assert.Single(activities);
        Assert.Equal($"chat {serve.ModelId}", activity.DisplayName);
        Assert.Equal(serve.ModelId, activity.GetTagItem("gen_ai.request.model"));
        Assert.Equal(false, activity.GetTagItem("clinicalagent.stream"));
        Assert.Equal((long)(int)usage["prompt_tokens"]!, Convert.ToInt64(activity.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((long)(int)usage["completion_tokens"]!, Convert.ToInt64(activity.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(activity.TagObjects, tag => tag.Value?.ToString()?.Contains("Jane", StringComparison.Ordinal) == true);
    }
}
