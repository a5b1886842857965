using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Tests.Host;

namespace ClinicalAgent.CdsHooks.Tests.Invocation;

[Collection(ServeCollection.Name)]
public sealed class TelemetryTests(ServeFixture serve)
{
    [Fact]
    public async Task Invoke_Card_EmitsSpanWithIdsAndCountsOnly()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, potassium) = await facts.FirstAsync(RecordFacts.PotassiumCodes, o => RecordFacts.Value(o) < RecordFacts.Low(o));
        var prefetch = new JsonObject { ["potassium"] = await facts.LatestAsync(patient, RecordFacts.PotassiumCodes) };
        var request = CdsRequests.PatientView(patient, prefetch);
        var hookInstance = request["hookInstance"]!.GetValue<string>();
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CdsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                    spans.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        var (status, _) = await serve.PostAsync("/cds-services/hypokalemia", request, serve.EhrToken("hypokalemia"));

        Assert.Equal(200, status);
        Activity span;
        lock (spans)
            span = Assert.Single(spans, s => (string?)s.GetTagItem("cds_hooks.hook_instance") == hookInstance);
        Assert.Equal("cds_hooks hypokalemia", span.DisplayName);
        Assert.Equal("patient-view", span.GetTagItem("cds_hooks.hook"));
        Assert.Equal("hypokalemia", span.GetTagItem("cds_hooks.service.id"));
        Assert.Equal(1, span.GetTagItem("cds_hooks.card.count"));
        Assert.Equal("cards", span.GetTagItem("cds_hooks.outcome"));
        var value = RecordFacts.Value(potassium).ToString("0.####", CultureInfo.InvariantCulture);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(value, StringComparison.Ordinal) == true
            || t.Value?.ToString()?.Contains(patient, StringComparison.Ordinal) == true);
    }
}
