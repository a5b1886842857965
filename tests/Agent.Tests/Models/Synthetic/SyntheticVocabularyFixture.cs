using ClinicalAgent.Agent.Models.Synthetic;
using LLama;
using LLama.Common;

namespace ClinicalAgent.Agent.Tests.Models.Synthetic;

/// <summary>The real Gemma 3 vocabulary converted once, and written into a small synthetic model llama.cpp loads once.</summary>
public sealed class SyntheticVocabularyFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-synth-").FullName;

    public SyntheticVocabularyFixture()
    {
        TestKit.NativeLibrary.ChooseBeforeFirstUse();
        Vocabulary = GemmaTokenizerJson.Read(GemmaTokenizerLocation.Resolve(null));
        ModelPath = Path.Combine(_folder, "gemma3-vocab.gguf");
        SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(GemmaShape.VocabularyOnly, Vocabulary, ClinicalAgent.Agent.Models.GgmlType.Q8_0), ModelPath);
        Parameters = new ModelParams(ModelPath) { ContextSize = 256, GpuLayerCount = 0, Threads = 1, BatchThreads = 1 };
        Weights = LLamaWeights.LoadFromFile(Parameters);
    }

    public GemmaVocabulary Vocabulary { get; }

    public string ModelPath { get; }

    public ModelParams Parameters { get; }

    public LLamaWeights Weights { get; }

    public void Dispose()
    {
        Weights.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // llama.cpp may still map the file on some platforms; a leftover temp folder is harmless.
        }
    }
}
