using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Tests.Runners;

public sealed class FailureAnalysisTests
{
    private static readonly BenchStep[] Oracle =
    [
        new("tool", "get_observations", """{"patient_id":"S1","code":"19123-9","latest_only":true,"since":"24h"}""", 1),
        new("tool", "order_medication", """{"patient_id":"S1","code":"0338-1715-40","dose":"2 g"}""", 1),
    ];

    [Fact]
    public void FirstDeparture_WrongCodeArgument_NamesCallAndArgument()
    {
        BenchStep[] run = [new("model", null, null, 5), new("tool", "get_observations", """{"patient_id":"S1","code":"2339-0","latest_only":true,"since":"24h"}""", 1)];

        var departure = FailureAnalysis.FirstDeparture(run, Oracle, ["x"]);

        Assert.Equal("Call 1: get_observations with 'code' \"2339-0\" instead of \"19123-9\" (the oracle's call 1).", departure);
    }

    [Fact]
    public void FirstDeparture_MissingOrder_SaysWhichCallWasNeverMade()
    {
        BenchStep[] run = [new("tool", "get_observations", """{"patient_id":"S1","code":"19123-9","latest_only":true,"since":"24h","limit":5}""", 1)];

        var departure = FailureAnalysis.FirstDeparture(run, Oracle, ["x"]);

        Assert.StartsWith("Never called order_medication(", departure);
        Assert.EndsWith("; it made no further call.", departure);
    }

    [Fact]
    public void FirstDeparture_ExtraWrite_NamesIt()
    {
        BenchStep[] run = [.. Oracle, new("tool", "order_service", """{"patient_id":"S1","kind":"lab","code":"2823-3"}""", 1)];

        var departure = FailureAnalysis.FirstDeparture(run, Oracle, ["x"]);

        Assert.StartsWith("Call 3: order_service(", departure);
    }

    [Fact]
    public void FirstDeparture_SameCalls_PointsAtTheAnswer()
    {
        var departure = FailureAnalysis.FirstDeparture(Oracle, Oracle, ["Answer [1.9]; expected [1.8] (or [])."]);

        Assert.Equal("Made the oracle's calls; then: Answer [1.9]; expected [1.8] (or []).", departure);
    }
}
