using ClinicalAgent.Evaluation.Explaining;

namespace ClinicalAgent.Evaluation.Tests.Explaining;

public sealed class ActionAlignmentTests
{
    private static TraceAction Call(string tool, string arguments) => new(tool, arguments, null, 0);

    private static TraceAction Answer(string text) => new(null, null, text, 0);

    [Fact]
    public void Substitutions_DetourThenTheOraclesCalls_OnlyTheDetourAndTheWrongAnswerDepart()
    {
        TraceAction[] oracle = [Call("get_patient", """{"patient_id":"S1"}"""), Answer("FINISH([40])")];
        TraceAction[] run = [Call("get_patient", """{"patient_id":"S2"}"""), Call("get_patient", """{"patient_id":"S1","extra":true}"""), Answer("FINISH([41])")];

        var substitutions = ActionAlignment.Substitutions(run, oracle);

        // The second call matches (extra arguments the oracle does not give are not compared, as in the hint).
        Assert.Equal([0, 2], substitutions.Select(s => s.Step));
        Assert.Equal("get_patient", substitutions[0].Oracle.Tool);
        Assert.True(substitutions[1].Oracle.IsAnswer);
    }

    [Fact]
    public void Substitutions_RunStoppedWithoutAnAnswer_OffersTheOraclesNextDecisionAfterItsLastCall()
    {
        TraceAction[] oracle = [Call("get_patient", """{"patient_id":"S1"}"""), Answer("FINISH([40])")];
        TraceAction[] run = [Call("get_patient", """{"patient_id":"S1"}""")];

        var only = Assert.Single(ActionAlignment.Substitutions(run, oracle));

        Assert.Equal(1, only.Step);
        Assert.Null(only.Run);
        Assert.True(only.Oracle.IsAnswer);
    }

    [Fact]
    public void Same_AnswersWrittenDifferently_SameListIsTheSameDecision()
    {
        Assert.True(ActionAlignment.Same(Answer("The answer is FINISH([40])"), Answer("FINISH([40])")));
        Assert.False(ActionAlignment.Same(Answer("FINISH([41])"), Answer("FINISH([40])")));
    }
}
