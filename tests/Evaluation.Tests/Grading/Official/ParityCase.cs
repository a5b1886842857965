using ClinicalAgent.Evaluation.Grading.Official;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>A hand-made episode labelled with the decision MedAgentBench's official grader makes on it (derived from
/// the published facts), and the rule that makes it.</summary>
/// <param name="Passes">The official decision.</param>
/// <param name="Rule">The deciding rule's name in our reproduction.</param>
/// <param name="Task">The task.</param>
/// <param name="Episode">The history and FINISH.</param>
internal sealed record ParityCase(bool Passes, string Rule, BenchTask Task, OfficialEpisode Episode)
{
    /// <summary>Decides the case with the official profile over <paramref name="store"/>.</summary>
    public Task<OfficialDecision> DecideAsync(OfficialShapedStore store) =>
        new OfficialGrader(store.Store, Episodes.Base).DecideAsync(Task, Episode);

    /// <summary>Asserts the official profile agrees with the label, on the verdict and on the deciding rule.</summary>
    public async System.Threading.Tasks.Task AssertAgreesAsync(OfficialShapedStore store, string label)
    {
        var decision = await DecideAsync(store);

        Assert.True(decision.Passed == Passes, $"{label}: the official grader {(Passes ? "passes" : "fails")} it; ours said {decision}");
        Assert.Equal(Rule, decision.Rule);
    }
}
