using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>The user turn of a typed-tool benchmark task (<c>prompts/bench-question.md</c>), shared by the model agent
/// and the oracle's transcript so both start from the same question.</summary>
internal static class BenchQuestion
{
    public static string For(BenchTask task) => PromptLibrary.Render("bench-question", new Dictionary<string, string>
    {
        ["instruction"] = task.Instruction,
        ["context"] = task.Context,
    }).Trim();
}
