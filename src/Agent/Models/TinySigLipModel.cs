namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Writes a tiny random-weight MedSigLIP folder in the layout <c>Vision:MedSigLip:Path</c> expects: a vision tower
/// (<c>pixel_values</c> [batch, 3, S, S] → Flatten → MatMul → <c>image_embeds</c> [batch, D]), a text tower
/// (<c>input_ids</c> [batch, L] int64 → Gather → ReduceMean over tokens → MatMul → <c>text_embeds</c> [batch, D]),
/// a SentencePiece Unigram tokenizer and <c>medsiglip.json</c>. ONNX Runtime and Microsoft.ML.Tokenizers run it as
/// they run the real export; its scores mean nothing.
/// </summary>
public static class TinySigLipModel
{
    public const int DefaultImageSize = 8;
    public const int EmbeddingDim = 4;
    public const int TextHidden = 6;
    public const int MaxTextTokens = 16;

    /// <summary>Writes the four files into <paramref name="folder"/> (created if needed); the same arguments give the same bytes.</summary>
    public static void Write(string folder, int seed = 1, int imageSize = DefaultImageSize) => Create(seed, imageSize).Save(folder);

    /// <summary>The model with its weights, for tests that compute the expected scores themselves.</summary>
    internal static TinySigLipWeights Create(int seed = 1, int imageSize = DefaultImageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 1);
        var random = new SplitMix64((ulong)seed);
        var vocabulary = TinySigLipVocabulary.Build();
        float[] Fill(int count) => Enumerable.Range(0, count).Select(_ => random.NextSigned()).ToArray();
        return new TinySigLipWeights(
            imageSize,
            vocabulary,
            VisionProjection: Fill(3 * imageSize * imageSize * EmbeddingDim),
            TokenEmbedding: Fill(vocabulary.Pieces.Count * TextHidden),
            TextProjection: Fill(TextHidden * EmbeddingDim),
            // As SigLIP stores them: the log of the scale (here ln 10) and the bias.
            LogitScaleLog: Math.Log(10),
            LogitBias: -2.0);
    }
}
