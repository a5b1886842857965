using ClinicalAgent.Agent.Models;
using LLama;
using LLama.Common;

namespace ClinicalAgent.TestKit;

/// <summary>
/// The tiny random-weight gemma3 model, written once to a temporary folder and loaded once, for tests that
/// run the real llama.cpp path. Use as <c>IClassFixture&lt;TinyModelFixture&gt;</c> or through
/// a collection of the test project's.
/// </summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-tiny-").FullName;

    public TinyModelFixture()
    {
        // The kernel set (CLINICALAGENT_LLAMA_CPU) must be chosen before the first native call of the process.
        NativeLibrary.ChooseBeforeFirstUse();
        // The runtime's persistent prefix cache (on by default) writes here, not into the user's cache folder.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CLINICALAGENT_PREFIX_CACHE")))
            Environment.SetEnvironmentVariable("CLINICALAGENT_PREFIX_CACHE", Path.Combine(_folder, "prefix-cache"));
        ModelPath = Path.Combine(_folder, "tiny-gemma3.gguf");
        TinyGemmaModel.Write(ModelPath);
        ProjectorPath = Path.Combine(_folder, "tiny-gemma3-mmproj.gguf");
        TinyGemmaProjector.Write(ProjectorPath);
        Parameters = new ModelParams(ModelPath)
        {
            ContextSize = 512,
            GpuLayerCount = 0,
            // Test machines have two cores shared with the build; more threads only contend.
            Threads = 1,
            BatchThreads = 1,
        };
        Weights = LLamaWeights.LoadFromFile(Parameters);
    }

    public string ModelPath { get; }

    /// <summary>The tiny model's vision projector (mmproj), <see cref="TinyGemmaProjector"/>.</summary>
    public string ProjectorPath { get; }

    public LLamaWeights Weights { get; }

    /// <summary>Context parameters for this model: 512 tokens, CPU, one thread. Pass to <c>Weights.CreateContext</c> or an executor.</summary>
    public ModelParams Parameters { get; }

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
