using ClinicalAgent.Agent.Models;
using ClinicalAgent.TestKit;
using LLama;
using LLama.Native;

namespace ClinicalAgent.Agent.Tests.Models;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class TinyGemmaProjectorTests(TinyModelFixture model)
{
    [Fact]
    public void LoadFromFile_TinyProjector_SupportsVisionWithNonCausalAttention()
    {
        using var projector = MtmdWeights.LoadFromFile(model.ProjectorPath, model.Weights, Parameters());

        Assert.True(projector.SupportsVision);
        Assert.False(projector.SupportsAudio);
        Assert.True(projector.UsesNonCausalAttention);
    }

    [Fact]
    public void EvaluateChunk_OneImage_EncodesItsTokensIntoTheContext()
    {
        using var projector = MtmdWeights.LoadFromFile(model.ProjectorPath, model.Weights, Parameters());
        using var context = model.Weights.CreateContext(model.Parameters);
        var rgb = new byte[40 * 30 * 3];
        for (var i = 0; i < rgb.Length; i++)
            rgb[i] = (byte)(i * 7);
        using var bitmap = SafeMtmdEmbed.FromRgbBytes(40, 30, rgb)!;

        var status = projector.NativeHandle.Tokenize(NativeApi.MtmdDefaultMarker()!, false, true, [bitmap], out var chunks);
        using var owned = chunks!;
        var image = owned.Enumerate().Single(c => c.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image);
        var past = 0;
        var evaluated = projector.NativeHandle.EvaluateChunk(image.NativePtr, context.NativeHandle, ref past, 0, 512, logitsLast: false);

        Assert.Equal(0, status);
        Assert.Equal(0, evaluated);
        Assert.Equal(TinyGemmaProjector.ImageTokens, (int)image.NTokens);
        Assert.Equal(TinyGemmaProjector.ImageTokens, past);
    }

    [Fact]
    public void Write_SameSeedTwice_WritesIdenticalBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        TinyGemmaProjector.Build(3).WriteTo(first);
        TinyGemmaProjector.Build(3).WriteTo(second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Read_TinyProjector_SummaryListsItsClipKeysAndItBelongsToTheTinyModel()
    {
        var projector = ModelSummary.Read(model.ProjectorPath);
        var text = ModelSummary.Read(model.ModelPath);

        ModelSummary.EnsureProjectorMatches(text, projector);

        Assert.True(projector.IsProjector);
        Assert.Equal((ulong)TinyGemmaModel.EmbeddingLength, projector.ProjectionDim);
        var settings = projector.ProjectorSettings.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("gemma3", settings["clip.projector_type"]);
        Assert.Equal("8", settings["clip.vision.patch_size"]);
        Assert.Equal("1E-06", settings["clip.vision.attention.layer_norm_epsilon"]);
        Assert.Empty(text.ProjectorSettings);
    }

    private static MtmdContextParams Parameters()
    {
        var parameters = MtmdContextParams.Default();
        parameters.UseGpu = false;
        parameters.NThreads = 1;
        return parameters;
    }
}
