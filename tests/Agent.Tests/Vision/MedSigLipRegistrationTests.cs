using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Vision;
using ClinicalAgent.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Agent.Tests.Vision;

public sealed class MedSigLipRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-siglip-di-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AddMedSigLip_PathUnset_ClassifyExplainsSetup()
    {
        using var services = Build(path: null);
        var classifier = services.GetRequiredService<IZeroShotImageClassifier>();

        var error = await Assert.ThrowsAsync<MedSigLipException>(() => classifier.ClassifyAsync(new ImagePixels(1, 1, [0, 0, 0]), ["normal"]));

        Assert.Contains("set Vision:MedSigLip:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains("model pull medsiglip", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task AddMedSigLip_PathSet_ClassifiesWithOneSharedModel()
    {
        TinySigLipModel.Write(_folder);
        using var services = Build(_folder);
        var classifier = services.GetRequiredService<IZeroShotImageClassifier>();

        var scores = await classifier.ClassifyAsync(new ImagePixels(2, 2, new byte[12]), ["normal", "mass"]);

        Assert.Equal(["normal", "mass"], scores.Select(s => s.Label));
        Assert.All(scores, s => Assert.InRange(s.Score, 0, 1));
        Assert.Same(services.GetRequiredService<MedSigLipClassifier>(), services.GetRequiredService<MedSigLipClassifier>());
        Assert.Equal("MedSigLIP (tiny-medsiglip, ONNX)", classifier.ModelName);
        Assert.Equal(classifier.ModelName, services.GetRequiredService<MedSigLipClassifier>().ModelName);
    }

    [Fact]
    public async Task AddMedSigLip_FolderBroken_FailsAtClassifyNotAtResolve()
    {
        using var services = Build(Path.Combine(_folder, "absent"));
        var classifier = services.GetRequiredService<IZeroShotImageClassifier>();

        var error = await Assert.ThrowsAsync<MedSigLipException>(() => classifier.ClassifyAsync(new ImagePixels(1, 1, [0, 0, 0]), ["normal"]));

        Assert.Equal("MedSigLIP (absent, ONNX)", classifier.ModelName);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string? path)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(path is null ? [] : [new KeyValuePair<string, string?>("Vision:MedSigLip:Path", path)])
            .Build();
        return new ServiceCollection().AddMedSigLip(configuration).BuildServiceProvider();
    }
}
