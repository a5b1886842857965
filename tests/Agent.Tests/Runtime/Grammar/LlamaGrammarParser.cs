using System.Reflection;
using LLama.Native;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

/// <summary>
/// Asks llama.cpp itself whether a GBNF grammar parses. LLamaSharp 0.30 exposes grammars only
/// through a sampler built for a vocabulary; llama.cpp's <c>llama_sampler_init_grammar</c> only
/// stores the vocabulary (it is read when sampling), so a null one suffices to parse and
/// check the grammar (undefined rules, left recursion, a missing root). The import is a private
/// local function of <see cref="SafeLLamaSamplerChainHandle"/>, reached by reflection.
/// </summary>
internal static class LlamaGrammarParser
{
    private static readonly Lazy<MethodInfo> InitGrammar = new(() =>
    {
        // Runs NativeApi's static constructor, which loads llama.cpp and resolves its imports.
        NativeApi.llama_max_devices();
        return typeof(SafeLLamaSamplerChainHandle)
            .GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name.Contains("g__llama_sampler_init_grammar|", StringComparison.Ordinal));
    });

    private static readonly Lazy<MethodInfo> FreeSampler = new(() => typeof(SafeLLamaSamplerChainHandle)
        .GetMethods(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Public)
        .Single(m => m.Name == "llama_sampler_free"));

    /// <summary>True when llama.cpp parses <paramref name="gbnf"/> with root rule <c>root</c>.</summary>
    public static unsafe bool Parses(string gbnf)
    {
        var method = InitGrammar.Value;
        var noVocabulary = Pointer.Box(null, method.GetParameters()[0].ParameterType);
        var sampler = (IntPtr)method.Invoke(null, [noVocabulary, gbnf, "root"])!;
        if (sampler == IntPtr.Zero)
        {
            return false;
        }

        FreeSampler.Value.Invoke(null, [sampler]);
        return true;
    }
}
