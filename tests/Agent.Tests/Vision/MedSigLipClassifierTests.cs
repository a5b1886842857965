using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Vision;
using ClinicalAgent.Imaging;

namespace ClinicalAgent.Agent.Tests.Vision;

public sealed class MedSigLipClassifierTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-siglip-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ClassifyAsync_UniformImageOfOtherSize_ScoreEqualsIndependentComputation()
    {
        var weights = TinySigLipModel.Create(seed: 3);
        weights.Save(_folder);
        using var classifier = new MedSigLipClassifier(_folder);
        var image = Uniform(20, 13, 200, 40, 90);

        var scores = await classifier.ClassifyAsync(image, ["Pleural effusion."]);

        var expected = SigLipExpectation.Score(weights, SigLipExpectation.UniformTensor(8, 200, 40, 90),
            SigLipExpectation.Tokens(weights, TinySigLipVocabulary.EosId, "pleural", "effusion"));
        Assert.Equal("Pleural effusion.", Assert.Single(scores).Label);
        Assert.Equal(expected, scores[0].Score, 5);
        Assert.Equal(Math.Log(expected / (1 - expected)), scores[0].Logit, 4);
    }

    [Fact]
    public async Task ClassifyAsync_ImageAtModelSize_IsLaidOutChannelMajor()
    {
        var weights = TinySigLipModel.Create(seed: 4);
        weights.Save(_folder);
        using var classifier = new MedSigLipClassifier(_folder);
        var rgb = Enumerable.Range(0, 8 * 8 * 3).Select(i => (byte)(i * 37 % 256)).ToArray();
        var tensor = new float[rgb.Length];
        for (var p = 0; p < 64; p++)
        {
            for (var c = 0; c < 3; c++)
                tensor[c * 64 + p] = (rgb[p * 3 + c] / 255f - 0.5f) / 0.5f;
        }

        var scores = await classifier.ClassifyAsync(new ImagePixels(8, 8, rgb), ["normal chest xray"]);

        var expected = SigLipExpectation.Score(weights, tensor, SigLipExpectation.Tokens(weights, 1, "normal", "chest", "xray"));
        Assert.Equal(expected, scores[0].Score, 5);
    }

    [Fact]
    public async Task ClassifyAsync_Padding_UsesEosIdOneNotZero()
    {
        var weights = TinySigLipModel.Create(seed: 5);
        weights.Save(_folder);
        using var classifier = new MedSigLipClassifier(_folder);
        var image = Uniform(8, 8, 30, 160, 220);

        var ids = classifier.TokenIds("cardiomegaly");
        var scores = await classifier.ClassifyAsync(image, ["cardiomegaly"]);

        var tensor = SigLipExpectation.UniformTensor(8, 30, 160, 220);
        var paddedWithOne = SigLipExpectation.Score(weights, tensor, SigLipExpectation.Tokens(weights, 1, "cardiomegaly"));
        var paddedWithZero = SigLipExpectation.Score(weights, tensor, SigLipExpectation.Tokens(weights, 0, "cardiomegaly"));
        Assert.Equal(TinySigLipModel.MaxTextTokens, ids.Length);
        Assert.All(ids.Skip(1), id => Assert.Equal(1, id));
        Assert.Equal(paddedWithOne, scores[0].Score, 5);
        Assert.True(Math.Abs(paddedWithZero - paddedWithOne) > 1e-3, $"padding with 0 should change the score ({paddedWithZero} vs {paddedWithOne})");
    }

    [Fact]
    public async Task ClassifyAsync_LabelAdded_OtherScoresUnchanged()
    {
        TinySigLipModel.Write(_folder, seed: 6);
        using var classifier = new MedSigLipClassifier(_folder);
        var image = Uniform(10, 10, 90, 90, 90);

        var two = await classifier.ClassifyAsync(image, ["pleural effusion", "normal chest xray"]);
        var three = await classifier.ClassifyAsync(image, ["pleural effusion", "normal chest xray", "pneumothorax"]);

        Assert.Equal(two[0].Score, three[0].Score, 6);
        Assert.Equal(two[1].Score, three[1].Score, 6);
        Assert.NotEqual(1.0, three.Sum(s => s.Score), 3);
    }

    [Fact]
    public async Task Constructor_ModelOfSize12_ResizesImagesTo12()
    {
        var weights = TinySigLipModel.Create(seed: 7, imageSize: 12);
        weights.Save(_folder);
        using var classifier = new MedSigLipClassifier(_folder);

        var scores = await classifier.ClassifyAsync(Uniform(31, 17, 10, 250, 128), ["skin lesion"]);

        Assert.Equal(12, classifier.ImageSize);
        Assert.Equal(TinySigLipModel.MaxTextTokens, classifier.MaxTextTokens);
        var expected = SigLipExpectation.Score(weights, SigLipExpectation.UniformTensor(12, 10, 250, 128), SigLipExpectation.Tokens(weights, 1, "skin", "lesion"));
        Assert.Equal(expected, scores[0].Score, 5);
    }

    [Fact]
    public async Task ClassifyAsync_ParallelCalls_GiveEqualResults()
    {
        TinySigLipModel.Write(_folder, seed: 8);
        using var classifier = new MedSigLipClassifier(_folder);
        var image = Uniform(40, 30, 120, 60, 200);
        string[] labels = ["pleural effusion", "normal", "a photo of an arm with a rash", "mass"];
        var sequential = await classifier.ClassifyAsync(image, labels);

        var parallel = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => classifier.ClassifyAsync(image, labels))));

        Assert.All(parallel, result => Assert.Equal(sequential.Select(s => s.Score), result.Select(s => s.Score)));
    }

    [Fact]
    public async Task ClassifyAsync_LabelOfPunctuationOnly_IsRejected()
    {
        TinySigLipModel.Write(_folder);
        using var classifier = new MedSigLipClassifier(_folder);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => classifier.ClassifyAsync(Uniform(8, 8, 0, 0, 0), ["effusion", "?!"]));

        Assert.Contains("Label 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelName_TinyModel_NamesModelAndRuntime()
    {
        TinySigLipModel.Write(_folder);
        using var classifier = new MedSigLipClassifier(_folder);

        Assert.Equal("MedSigLIP (tiny-medsiglip, ONNX)", classifier.ModelName);
    }

    private static ImagePixels Uniform(int width, int height, byte r, byte g, byte b)
    {
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            rgb[3 * i] = r;
            rgb[3 * i + 1] = g;
            rgb[3 * i + 2] = b;
        }

        return new ImagePixels(width, height, rgb);
    }
}
