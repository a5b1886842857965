namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>A published MedAgentBench pass@1 figure, from <c>reference/medagentbench.md</c>.</summary>
/// <param name="System">The model or agent.</param>
/// <param name="SuccessPercent">Its success rate on the 300 original tasks.</param>
/// <param name="Note">What kind of run it was.</param>
internal sealed record PublishedResult(string System, double SuccessPercent, string Note)
{
    /// <summary>The published figures, best known first within each kind of run.</summary>
    public static IReadOnlyList<PublishedResult> All { get; } =
    [
        new("GPT-4o (early board)", 72, "v1, raw GET/POST"),
        new("Claude 3.5 Sonnet v2", 69.67, "v1, raw GET/POST"),
        new("GPT-4o-mini", 58, "v1, raw GET/POST (approx.)"),
        new("Qwen2.5-72B", 53, "v1, raw GET/POST"),
        new("Llama 3.3-70B", 49, "v1, raw GET/POST"),
        new("Gemma 2 27B", 28, "v1, raw GET/POST"),
        new("Mistral 7B", 2, "v1, raw GET/POST"),
        new("Qwen3-32B fine-tuned", 74, "v1, fine-tuned"),
        new("GPT-4o-mini fine-tuned", 72, "v1, fine-tuned"),
        new("GPT-4.1 (v2 typed tools)", 91, "v2 agent with typed tools"),
        new("GPT-4.1 (v2 + failure memory)", 98, "v2 agent with typed tools"),
        new("Do-nothing agent on v2", 41.7, "baseline, Rethinking MedAgentBench"),
        new("Do-nothing agent on v1", 5.3, "baseline, Rethinking MedAgentBench"),
        new("Do-nothing agent on v3 (balanced)", 8.9, "baseline, Rethinking MedAgentBench"),
    ];
}
