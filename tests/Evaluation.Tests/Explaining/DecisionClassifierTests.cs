using ClinicalAgent.Evaluation.Explaining;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Explaining;

public sealed class DecisionClassifierTests
{
    private static readonly BenchTask Task = new("task9_1", "Check potassium.", "", null, "S1234567");

    [Theory]
    [InlineData("get_observations", """{"patient_id":"S1234567","code":"2823-3"}""", "get_observations", """{"patient_id":"S1234567","code":"2345-7"}""", DecisionKind.CodeChoice)]
    [InlineData("get_observations", """{"patient_id":"S1234567","code":"2823-3","since":"24h"}""", "get_observations", """{"patient_id":"S1234567","code":"2823-3","since":"7d"}""", DecisionKind.DateWindow)]
    [InlineData("get_observations", """{"patient_id":"S1234567","code":"2823-3","since":"24h"}""", "get_observations", """{"patient_id":"S7654321","code":"2345-7"}""", DecisionKind.PatientLookup)]
    [InlineData("order_medication", """{"patient_id":"S1234567","code":"40032-917-01","dose":"15 mEq"}""", "order_medication", """{"patient_id":"S1234567","code":"40032-917-01","dose":"20 mEq"}""", DecisionKind.Arithmetic)]
    [InlineData("order_medication", """{"patient_id":"S1234567","route":"oral"}""", "order_medication", """{"patient_id":"S1234567","route":"IV"}""", DecisionKind.PayloadField)]
    [InlineData("order_service", """{"patient_id":"S1234567","kind":"lab"}""", "get_observations", """{"patient_id":"S1234567"}""", DecisionKind.PayloadField)]
    [InlineData("find_patients", """{"family":"Smith"}""", "get_observations", """{"patient_id":"S1234567"}""", DecisionKind.PatientLookup)]
    public void Classify_ToolCalls_KindFromTheDifferingArgumentOrTheOraclesTool(string oracleTool, string oracleArguments, string runTool, string runArguments, string kind)
    {
        var substitution = new Substitution(0, new TraceAction(oracleTool, oracleArguments, null, 0), new TraceAction(runTool, runArguments, null, 0));

        Assert.Equal(kind, DecisionClassifier.Classify(substitution, Task));
    }

    [Theory]
    [InlineData("FINISH([3.1])", "FINISH([3.4])", DecisionKind.Arithmetic)]
    [InlineData("FINISH([3.1])", "FINISH([\"3.1\"])", DecisionKind.FinalAnswerFormat)]
    [InlineData("FINISH([3.1])", "FINISH([3.1, 2])", DecisionKind.FinalAnswerFormat)]
    [InlineData("FINISH([3.1])", "I could not tell.", DecisionKind.FinalAnswerFormat)]
    [InlineData("FINISH([\"S1234567\"])", "FINISH([\"Patient not found\"])", DecisionKind.PatientLookup)]
    [InlineData("FINISH([5.6, \"2023-01-02T08:00:00+00:00\"])", "FINISH([5.6, \"2022-01-02T08:00:00+00:00\"])", DecisionKind.DateWindow)]
    public void Classify_Answers_KindFromHowTheListsDiffer(string oracleAnswer, string runAnswer, string kind)
    {
        var substitution = new Substitution(2, new TraceAction(null, null, oracleAnswer, 2), new TraceAction(null, null, runAnswer, 2));

        Assert.Equal(kind, DecisionClassifier.Classify(substitution, Task));
    }

    [Fact]
    public void Classify_ExtraWriteWhereTheOracleAnswered_PayloadField()
    {
        var substitution = new Substitution(1, new TraceAction(null, null, "FINISH([])", 1), new TraceAction("order_service", """{"patient_id":"S1234567"}""", null, 1));

        Assert.Equal(DecisionKind.PayloadField, DecisionClassifier.Classify(substitution, Task));
    }
}
