using ClinicalAgent.Tools.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Images;

public sealed class ClassifyImageTests(ImageRecordFixture fixture) : IClassFixture<ImageRecordFixture>
{
    private static readonly string[] Labels = ["a chest X-ray with a pleural effusion", "a normal chest X-ray", "a chest X-ray with cardiomegaly"];

    [Fact]
    public async Task ClassifyImage_Labels_OneScorePerLabelInInputOrderOverTheImagesPixels()
    {
        var classifier = new RecordingClassifier();
        using var services = fixture.Services(classifier: classifier);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ClassifyImageAsync("ImagingStudy/study-1#1.1", Labels));

        Assert.Equal(ImageRecordFixture.Chest.Rgb24, classifier.Image!.Rgb24);
        Assert.Equal(Labels, classifier.Labels);
        var scores = result.GetProperty("scores").EnumerateArray().Select(s => (s.GetProperty("label").GetString(), s.GetProperty("score").GetDouble())).ToList();
        Assert.Equal([(Labels[0], 0.01), (Labels[1], 0.02), (Labels[2], 0.03)], scores);
        Assert.Equal("ImagingStudy/study-1#1.1", result.GetProperty("image").GetString());
        Assert.Equal("fake-siglip", result.GetProperty("model").GetString());
        Assert.Contains("independent", result.GetProperty("note").GetString());
    }

    [Fact]
    public async Task ClassifyImage_NoClassifier_ReturnsErrorNamingTheSetupCommand()
    {
        using var services = fixture.Services();

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ClassifyImageAsync("Media/photo-1", Labels));

        Assert.Contains("model pull medsiglip", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ClassifyImage_ClassifierCannotRun_ReturnsItsOneLineFixAsTheError()
    {
        using var services = fixture.Services(classifier: new BrokenClassifier("MedSigLIP vision encoder /m/vision_model.onnx is not an ONNX model."));

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ClassifyImageAsync("Media/photo-1", Labels));

        Assert.Equal("MedSigLIP vision encoder /m/vision_model.onnx is not an ONNX model.", result.GetProperty("error").GetString());
    }

    public static TheoryData<string[], string> BadLabels => new()
    {
        { [], "1 to 16" },
        { [.. Enumerable.Range(0, 17).Select(i => $"label {i}")], "1 to 16" },
        { ["a normal chest X-ray", " "], "labels[1] is empty" },
        { [new string('x', 65)], "keep each label to 64" },
    };

    [Theory]
    [MemberData(nameof(BadLabels))]
    public async Task ClassifyImage_BadLabels_ReturnsErrorAndScoresNothing(string[] labels, string error)
    {
        var classifier = new RecordingClassifier();
        using var services = fixture.Services(classifier: classifier);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ClassifyImageAsync("Media/photo-1", labels));

        Assert.Contains(error, result.GetProperty("error").GetString());
        Assert.Null(classifier.Labels);
    }

    [Fact]
    public async Task CallAsync_LabelsAsJsonArray_BindsAndScores()
    {
        var classifier = new RecordingClassifier();
        using var services = fixture.Services(classifier: classifier);
        var toolbox = services.GetRequiredService<ClinicalToolbox>();
        using var labels = System.Text.Json.JsonDocument.Parse("""["effusion", "normal"]""");

        var text = await toolbox.CallAsync("classify_image", new Dictionary<string, object?> { ["image_id"] = "Media/photo-1", ["labels"] = labels.RootElement.Clone() });

        Assert.Equal(["effusion", "normal"], classifier.Labels);
        Assert.Equal(2, ToolsFixture.Parse(text).GetProperty("scores").GetArrayLength());
    }

    [Fact]
    public void Functions_ClassifyImageSchema_BoundsTheLabelList()
    {
        using var services = fixture.Services();

        var schema = services.GetRequiredService<ClinicalToolbox>().Functions.Single(f => f.Name == "classify_image").JsonSchema;

        var labels = schema.GetProperty("properties").GetProperty("labels");
        Assert.Equal("array", labels.GetProperty("type").GetString());
        Assert.Equal((1, 16), (labels.GetProperty("minItems").GetInt32(), labels.GetProperty("maxItems").GetInt32()));
        Assert.False(labels.TryGetProperty("maxLength", out _));
    }
}
