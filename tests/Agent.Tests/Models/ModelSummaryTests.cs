using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Agent.Tests.Models;

public sealed class ModelSummaryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-summary-").FullName;

    [Fact]
    public void Read_TinyModel_SummarisesArchitectureSizeAndTemplate()
    {
        var path = Path.Combine(_folder, "tiny.gguf");
        TinyGemmaModel.Write(path);
        var vocabulary = (ulong)TinyGemmaVocabulary.Build().Tokens.Length;
        var perLayer = 64UL * 64 * 2 + 64 * 16 * 2 + 64 * 128 * 3 + 16 * 2 + 64 * 4;

        var summary = ModelSummary.Read(path);

        Assert.Equal("gemma3", summary.Architecture);
        Assert.Equal("tiny-gemma3", summary.Name);
        Assert.Equal("F16", summary.Quantization);
        Assert.Equal(2048UL, summary.ContextLength);
        Assert.Equal(64UL, summary.EmbeddingLength);
        Assert.True(summary.HasChatTemplate);
        Assert.False(summary.IsProjector);
        Assert.Equal(new FileInfo(path).Length, summary.FileSize);
        Assert.Equal(64 * vocabulary * 2 + 64 + 2 * perLayer, summary.ParameterCount);
    }

    [Fact]
    public void Read_NoFileType_UsesDominantTensorType()
    {
        var path = Path.Combine(_folder, "bare.gguf");
        new GgufWriter()
            .Add("general.architecture", "llama")
            .AddTensor("a", [64, 4], GgmlType.F16, new float[256])
            .AddTensor("b", [8], GgmlType.F32, new float[8])
            .Save(path);

        var summary = ModelSummary.Read(path);

        Assert.Equal("F16", summary.Quantization);
        Assert.Null(summary.ContextLength);
        Assert.False(summary.HasChatTemplate);
    }

    [Fact]
    public void EnsureProjectorMatches_ClipWithModelsWidth_Passes()
    {
        var model = Tiny();
        var projector = Projector(64);

        var error = Record.Exception(() => ModelSummary.EnsureProjectorMatches(model, projector));

        Assert.Null(error);
        Assert.True(projector.IsProjector);
    }

    [Fact]
    public void EnsureProjectorMatches_OtherWidth_ThrowsNamingBothWidths()
    {
        var model = Tiny();
        var projector = Projector(2560);

        var error = Assert.Throws<InvalidDataException>(() => ModelSummary.EnsureProjectorMatches(model, projector));

        Assert.Contains("2560", error.Message);
        Assert.Contains("64", error.Message);
    }

    [Fact]
    public void EnsureProjectorMatches_LanguageModelAsProjector_ThrowsNotAProjector()
    {
        var model = Tiny();

        var error = Assert.Throws<InvalidDataException>(() => ModelSummary.EnsureProjectorMatches(model, model));

        Assert.Contains("not a multimodal projector", error.Message);
        Assert.Contains("gemma3", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ModelSummary Tiny()
    {
        var path = Path.Combine(_folder, "model.gguf");
        TinyGemmaModel.Write(path);
        return ModelSummary.Read(path);
    }

    private ModelSummary Projector(uint projectionDim)
    {
        var path = Path.Combine(_folder, $"mmproj-{projectionDim}.gguf");
        new GgufWriter()
            .Add("general.architecture", "clip")
            .Add("general.file_type", 1u)
            .Add("clip.has_vision_encoder", true)
            .Add("clip.vision.projection_dim", projectionDim)
            .AddTensor("mm.input_projection.weight", [32, projectionDim], GgmlType.F16, new float[32 * projectionDim])
            .Save(path);
        return ModelSummary.Read(path);
    }
}
