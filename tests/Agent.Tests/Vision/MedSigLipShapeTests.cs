using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Onnx;
using ClinicalAgent.Agent.Vision;
using ClinicalAgent.Imaging;

namespace ClinicalAgent.Agent.Tests.Vision;

/// <summary>Exports that differ from ours in what they fix: a batch of one, a dynamic image size.</summary>
public sealed class MedSigLipShapeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-siglip-shape-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ClassifyAsync_TextModelWithBatchOfOne_ScoresEachLabelAsTheBatchedModelDoes()
    {
        var weights = TinySigLipModel.Create(seed: 9);
        weights.Save(_folder);
        string[] labels = ["pleural effusion", "normal chest xray", "mass"];
        var image = new ImagePixels(8, 8, Enumerable.Range(0, 192).Select(i => (byte)(i * 11)).ToArray());
        IReadOnlyList<LabelScore> batched;
        using (var classifier = new MedSigLipClassifier(_folder))
            batched = await classifier.ClassifyAsync(image, labels);
        TextModel(weights, batch: 1).Save(Path.Combine(_folder, MedSigLipFiles.TextModelName));

        using var singles = new MedSigLipClassifier(_folder);
        var scores = await singles.ClassifyAsync(image, labels);

        Assert.Equal(batched.Select(s => s.Score), scores.Select(s => s.Score), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public async Task Constructor_VisionSizeDynamic_TakesImageSizeFromConfig()
    {
        var weights = TinySigLipModel.Create(seed: 10);
        weights.Save(_folder);
        DynamicVision(weights).Save(Path.Combine(_folder, MedSigLipFiles.VisionModelName));

        using var classifier = new MedSigLipClassifier(_folder);
        var scores = await classifier.ClassifyAsync(new ImagePixels(3, 5, Enumerable.Repeat((byte)77, 45).ToArray()), ["nodule"]);

        Assert.Equal(8, classifier.ImageSize);
        var expected = SigLipExpectation.Score(weights, SigLipExpectation.UniformTensor(8, 77, 77, 77), SigLipExpectation.Tokens(weights, 1, "nodule"));
        Assert.Equal(expected, scores[0].Score, 5);
    }

    [Fact]
    public void Constructor_VisionSizeDynamicAndConfigSilent_AsksForImageSize()
    {
        var weights = TinySigLipModel.Create();
        weights.Save(_folder);
        DynamicVision(weights).Save(Path.Combine(_folder, MedSigLipFiles.VisionModelName));
        File.WriteAllText(Path.Combine(_folder, MedSigLipFiles.ConfigName), "{\"logit_scale\": 2.3, \"logit_bias\": -2}");

        var error = Assert.Throws<MedSigLipException>(() => new MedSigLipClassifier(_folder));

        Assert.Contains("has a dynamic size; set image_size in medsiglip.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_CancelledToken_ThrowsOperationCanceled()
    {
        TinySigLipModel.Write(_folder);
        using var classifier = new MedSigLipClassifier(_folder);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => classifier.ClassifyAsync(new ImagePixels(8, 8, new byte[192]), ["mass"], cancelled.Token));
    }

    private static OnnxModelWriter DynamicVision(TinySigLipWeights weights) =>
        new OnnxModelWriter("dynamic_vision")
            .Input("pixel_values", OnnxElementType.Float, "batch", 3, "height", "width")
            .Output("image_embeds", OnnxElementType.Float, "batch", TinySigLipModel.EmbeddingDim)
            .Initializer("vision_projection", [3L * 8 * 8, TinySigLipModel.EmbeddingDim], weights.VisionProjection)
            .Node("Flatten", ["pixel_values"], ["flat"], ("axis", [1]))
            .Node("MatMul", ["flat", "vision_projection"], ["image_embeds"]);

    private static OnnxModelWriter TextModel(TinySigLipWeights weights, long batch) =>
        new OnnxModelWriter("text_batch_one")
            .Input("input_ids", OnnxElementType.Int64, batch, TinySigLipModel.MaxTextTokens)
            .Output("text_embeds", OnnxElementType.Float, batch, TinySigLipModel.EmbeddingDim)
            .Initializer("token_embedding", [weights.VocabularySize, TinySigLipModel.TextHidden], weights.TokenEmbedding)
            .Initializer("text_projection", [TinySigLipModel.TextHidden, TinySigLipModel.EmbeddingDim], weights.TextProjection)
            .Node("Gather", ["token_embedding", "input_ids"], ["embedded"], ("axis", [0]))
            .Node("ReduceMean", ["embedded"], ["pooled"], ("axes", [1]), ("keepdims", [0]))
            .Node("MatMul", ["pooled", "text_projection"], ["text_embeds"]);
}
