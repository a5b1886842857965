using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class LocalModelTests(TinyModelFixture model) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-localmodel-").FullName;

    [Fact]
    public void Constructor_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_folder, "absent.gguf");

        var error = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Constructor_NotGguf_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_folder, "notes.gguf");
        File.WriteAllText(path, "these are not model weights");

        var error = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a GGUF file", error.Message);
    }

    [Fact]
    public void Constructor_TruncatedGguf_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_folder, "truncated.gguf");
        var bytes = File.ReadAllBytes(model.ModelPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var error = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Constructor_ProjectorOfAnotherModel_ThrowsNamingTheProjector()
    {
        var projector = Path.Combine(_folder, "mmproj-2560.gguf");
        new GgufWriter()
            .Add("general.architecture", "clip")
            .Add("general.file_type", 1u)
            .Add("clip.has_vision_encoder", true)
            .Add("clip.vision.projection_dim", 2560u)
            .AddTensor("mm.input_projection.weight", [32, 2560], GgmlType.F16, new float[32 * 2560])
            .Save(projector);

        var mismatched = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(model.ModelPath, o => o.MmprojPath = projector));
        var notProjector = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(model.ModelPath, o => o.MmprojPath = model.ModelPath));

        Assert.Equal(projector, mismatched.FilePath);
        Assert.Contains("2560", mismatched.Message);
        Assert.Contains("another model size", mismatched.Message);
        Assert.Contains("is not a multimodal projector", notProjector.Message);
    }

    [Fact]
    public void Constructor_MissingNativeLibrary_ThrowsNamingIt()
    {
        var library = Path.Combine(_folder, "libllama-cuda.so");

        var error = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(model.ModelPath, o => o.NativeLibraryPath = library));

        Assert.Equal(library, error.FilePath);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Constructor_TinyModel_ReportsFileNameAsModelId()
    {
        using var local = LocalRuntime.Load(model.ModelPath);

        Assert.Equal(Path.GetFileName(model.ModelPath), local.ModelId);
        Assert.Equal(0, local.CachedConversations);
    }

    [Fact]
    public async Task GenerateAsync_NextPromptExtendsReplyText_ReusesTheSampledTokens()
    {
        using var local = LocalRuntime.Load(model.ModelPath);
        const string first = "<start_of_turn>user\nLast potassium?<end_of_turn>\n<start_of_turn>model\n";
        const string answer = "Potassium is 4.1 today";
        var firstStats = new GenerationStats();
        var reply = new List<LLama.Native.LLamaToken>();

        // A grammar that allows only the answer: the random model spells it with whatever tokens it samples.
        var settings = new GenerationSettings(64, 1.0f, 5, $"root ::= \"{answer}\"");
        await foreach (var token in local.GenerateAsync(new PromptInput(first, local.Tokenize(first)), settings, firstStats, CancellationToken.None))
            reply.Add(token);
        var second = first + answer + "<end_of_turn>\n<start_of_turn>user\nAnd sodium?<end_of_turn>\n<start_of_turn>model\n";
        var secondStats = new GenerationStats();
        await foreach (var _ in local.GenerateAsync(new PromptInput(second, local.Tokenize(second)), settings with { Grammar = null, MaxOutputTokens = 2 }, secondStats, CancellationToken.None))
        {
        }

        Assert.Equal(ChatFinishReason.Stop, firstStats.FinishReason);
        Assert.Equal(firstStats.PromptTokens + reply.Count, secondStats.CachedTokens);
    }

    /// <summary>Forced: a grammar of one long sentence keeps the reply going, so a cancel after three tokens lands midway.</summary>
    [Fact]
    public async Task GenerateAsync_CancelledMidway_ThrowsAndTheNextRequestReusesThePrompt()
    {
        using var local = LocalRuntime.Load(model.ModelPath);
        const string prompt = "<start_of_turn>user\nLast potassium?<end_of_turn>\n<start_of_turn>model\n";
        var settings = new GenerationSettings(200, 1.0f, 5, "root ::= \"The potassium was four point one this morning and three point nine yesterday.\"");
        using var cancellation = new CancellationTokenSource();
        var generated = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in local.GenerateAsync(new PromptInput(prompt, local.Tokenize(prompt)), settings, new GenerationStats(), cancellation.Token))
            {
                if (++generated == 3)
                    cancellation.Cancel();
            }
        });
        var after = new GenerationStats();
        await foreach (var _ in local.GenerateAsync(new PromptInput(prompt, local.Tokenize(prompt)), settings, after, CancellationToken.None))
        {
        }

        Assert.Equal(3, generated);
        Assert.Equal(ChatFinishReason.Stop, after.FinishReason);
        Assert.True(after.CachedTokens > 0, "the cancelled request's prompt should still be cached");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
