using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Agent.Tests.Vision;

/// <summary>
/// The tiny MedSigLIP's arithmetic done again, from its weights and independently of ONNX Runtime and the classifier:
/// what a given tensor and token sequence must score.
/// </summary>
internal static class SigLipExpectation
{
    public static double Score(TinySigLipWeights weights, float[] pixelTensor, IReadOnlyList<int> tokenIds)
    {
        var d = TinySigLipModel.EmbeddingDim;
        var image = new double[d];
        for (var i = 0; i < pixelTensor.Length; i++)
        {
            for (var j = 0; j < d; j++)
                image[j] += pixelTensor[i] * weights.VisionProjection[i * d + j];
        }

        var h = TinySigLipModel.TextHidden;
        var pooled = new double[h];
        foreach (var id in tokenIds)
        {
            for (var k = 0; k < h; k++)
                pooled[k] += weights.TokenEmbedding[id * h + k] / tokenIds.Count;
        }

        var text = new double[d];
        for (var k = 0; k < h; k++)
        {
            for (var j = 0; j < d; j++)
                text[j] += pooled[k] * weights.TextProjection[k * d + j];
        }

        var cosine = Dot(image, text) / Math.Sqrt(Dot(image, image) * Dot(text, text));
        var logit = Math.Exp(weights.LogitScaleLog) * cosine + weights.LogitBias;
        return 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>A uniform image's tensor: every pixel of channel c is (v_c / 255 − 0.5) / 0.5, whatever the resize.</summary>
    public static float[] UniformTensor(int size, byte r, byte g, byte b)
    {
        var plane = size * size;
        var tensor = new float[3 * plane];
        Array.Fill(tensor, (r / 255f - 0.5f) / 0.5f, 0, plane);
        Array.Fill(tensor, (g / 255f - 0.5f) / 0.5f, plane, plane);
        Array.Fill(tensor, (b / 255f - 0.5f) / 0.5f, 2 * plane, plane);
        return tensor;
    }

    /// <summary>The ids of whole-word pieces ("▁word"), then eos, padded with <paramref name="padId"/>.</summary>
    public static int[] Tokens(TinySigLipWeights weights, int padId, params string[] words)
    {
        var pieces = weights.Vocabulary.Pieces.Select(p => p.Piece).ToList();
        var ids = words.Select(w => pieces.IndexOf("\u2581" + w)).ToList();
        Assert.DoesNotContain(-1, ids);
        ids.Add(pieces.IndexOf("</s>"));
        while (ids.Count < weights.MaxTextTokens)
            ids.Add(padId);
        return ids.ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
