using System.Text.Json;
using ClinicalAgent.Agent.Models.Onnx;
using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Agent.Models;

/// <summary>A tiny MedSigLIP's weights, row-major: vision [3·S·S, D], token embedding [V, H], text projection [H, D].</summary>
internal sealed record TinySigLipWeights(
    int ImageSize,
    SentencePiece.SentencePieceModelWriter Vocabulary,
    float[] VisionProjection,
    float[] TokenEmbedding,
    float[] TextProjection,
    double LogitScaleLog,
    double LogitBias)
{
    public int MaxTextTokens => TinySigLipModel.MaxTextTokens;

    public int VocabularySize => Vocabulary.Pieces.Count;

    public OnnxModelWriter VisionModel()
    {
        var inputs = 3L * ImageSize * ImageSize;
        return new OnnxModelWriter("tiny_medsiglip_vision")
            .Input("pixel_values", OnnxElementType.Float, "batch", 3, ImageSize, ImageSize)
            .Output("image_embeds", OnnxElementType.Float, "batch", TinySigLipModel.EmbeddingDim)
            .Initializer("vision_projection", [inputs, TinySigLipModel.EmbeddingDim], VisionProjection)
            .Node("Flatten", ["pixel_values"], ["flat"], ("axis", [1]))
            .Node("MatMul", ["flat", "vision_projection"], ["image_embeds"]);
    }

    public OnnxModelWriter TextModel() =>
        new OnnxModelWriter("tiny_medsiglip_text")
            .Input("input_ids", OnnxElementType.Int64, "batch", MaxTextTokens)
            .Output("text_embeds", OnnxElementType.Float, "batch", TinySigLipModel.EmbeddingDim)
            .Initializer("token_embedding", [VocabularySize, TinySigLipModel.TextHidden], TokenEmbedding)
            .Initializer("text_projection", [TinySigLipModel.TextHidden, TinySigLipModel.EmbeddingDim], TextProjection)
            .Node("Gather", ["token_embedding", "input_ids"], ["embedded"], ("axis", [0]))
            .Node("ReduceMean", ["embedded"], ["pooled"], ("axes", [1]), ("keepdims", [0]))
            .Node("MatMul", ["pooled", "text_projection"], ["text_embeds"]);

    /// <summary><c>medsiglip.json</c>: <c>logit_scale</c> is the log, as SigLIP's parameter holds it.</summary>
    public string ConfigJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["model"] = "tiny-medsiglip",
        ["logit_scale"] = LogitScaleLog,
        ["logit_bias"] = LogitBias,
        ["image_size"] = ImageSize,
        ["max_text_tokens"] = MaxTextTokens,
    });

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        VisionModel().Save(Path.Combine(folder, MedSigLipFiles.VisionModelName));
        TextModel().Save(Path.Combine(folder, MedSigLipFiles.TextModelName));
        Vocabulary.Save(Path.Combine(folder, MedSigLipFiles.TokenizerName));
        File.WriteAllText(Path.Combine(folder, MedSigLipFiles.ConfigName), ConfigJson() + "\n");
    }
}
