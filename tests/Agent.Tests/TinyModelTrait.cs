namespace ClinicalAgent.Agent.Tests;

/// <summary>
/// Marks the tests that run llama.cpp over a tiny random-weight model. CI runs them a second time on the no-AVX
/// kernels (<c>CLINICALAGENT_LLAMA_CPU=noavx</c>, filter <c>Model=Tiny</c>): they must hold for whatever is sampled.
/// </summary>
internal static class TinyModelTrait
{
    public const string Name = "Model";
    public const string Value = "Tiny";
}
