using System.Text.Json;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Cli.Tests;

/// <summary>
/// The image tools as a user calls them, over a seeded store's generated DICOM radiograph, with the real tiny models:
/// the DICOM Binary decoded by our reader, the pixels through llama.cpp's mtmd path and through ONNX Runtime.
/// </summary>
public sealed class ImageToolsCommandTests : IDisposable
{
    private const string Now = "2023-11-13T10:15:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-images-").FullName;

    private string Db => Path.Combine(_folder, "store.db");

    [Fact]
    [Trait("Model", "Tiny")]
    public async Task CallDescribeImage_TinyVisionModelOnAGeneratedRadiograph_AnswersCitingTheImage()
    {
        var image = await SeededChestImageAsync();

        var run = await CliRun.RunAsync("tools", "call", "describe_image", "--args",
            JsonSerializer.Serialize(new { image_id = image, question = "Is there a pleural effusion?" }), "--db", Db, "--settings", Settings());

        Assert.True(run.ExitCode == 0, run.Error);
        using var result = JsonDocument.Parse(run.Output);
        Assert.False(result.RootElement.TryGetProperty("error", out var error), error.ToString());
        Assert.Equal(image, result.RootElement.GetProperty("image").GetString());
        Assert.Equal("CR", result.RootElement.GetProperty("modality").GetString());
        Assert.False(string.IsNullOrWhiteSpace(result.RootElement.GetProperty("answer").GetString()));
        Assert.DoesNotContain("clip_model_loader", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallClassifyImage_TinyMedSigLipOnAGeneratedRadiograph_ScoresEachLabelInOrder()
    {
        var image = await SeededChestImageAsync();

        var run = await CliRun.RunAsync("tools", "call", "classify_image", "--args",
            JsonSerializer.Serialize(new { image_id = image, labels = new[] { "pleural effusion", "cardiomegaly", "no acute finding" } }), "--db", Db, "--settings", Settings());

        Assert.True(run.ExitCode == 0, run.Error);
        using var result = JsonDocument.Parse(run.Output);
        var scores = result.RootElement.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(["pleural effusion", "cardiomegaly", "no acute finding"], scores.Select(s => s.GetProperty("label").GetString()));
        Assert.All(scores, s => Assert.InRange(s.GetProperty("score").GetDouble(), 0, 1));
        Assert.Equal(image, result.RootElement.GetProperty("image").GetString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Seeds the store and returns the id of a generated chest radiograph, from the generator's ground truth.</summary>
    private async Task<string> SeededChestImageAsync()
    {
        var seeded = await CliRun.RunAsync("fhir", "seed", "--patients", "20", "--now", Now, "--db", Db);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Db });
        var truth = SyntheticImageFindings.FromJson(await store.GetSettingAsync(SyntheticImageFindings.Setting) ?? "[]");
        return truth.First(f => f.Kind == SyntheticImageFindings.ChestXray).ImageId;
    }

    private string Settings()
    {
        var model = Path.Combine(_folder, "tiny.gguf");
        var projector = Path.Combine(_folder, "tiny-mmproj.gguf");
        var siglip = Path.Combine(_folder, "siglip");
        TinyGemmaModel.Write(model);
        TinyGemmaProjector.Write(projector);
        TinySigLipModel.Write(siglip);
        var path = Path.Combine(_folder, "settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Model = new { ModelPath = model, MmprojPath = projector, ContextSize = 4096, Threads = 1, MaxOutputTokens = 16 },
            Vision = new { MedSigLip = new { Path = siglip } },
        }));
        return path;
    }
}
