using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Images;

public sealed class CompareImagesTests(ImageRecordFixture fixture) : IClassFixture<ImageRecordFixture>
{
    private const string Question = "Has anything changed?";

    [Fact]
    public async Task CompareImages_SamePatient_BothImagesCurrentFirstWithTheirDates()
    {
        var chat = new RecordingVisionClient("No change.");
        using var services = fixture.Services(chat);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().CompareImagesAsync("Media/photo-1", "ImagingStudy/study-1#1.1", Question));

        var images = chat.LastImages;
        Assert.Equal(2, images.Count);
        Assert.Equal(ImageRecordFixture.Photo.Rgb24, MedicalImageDecoder.Decode(images[0].Data.ToArray()).Rgb24);
        Assert.Equal(ImageRecordFixture.Chest.Rgb24, MedicalImageDecoder.Decode(images[1].Data.ToArray()).Rgb24);
        var text = chat.LastText;
        Assert.True(text.IndexOf("Media/photo-1", StringComparison.Ordinal) < text.IndexOf("ImagingStudy/study-1#1.1", StringComparison.Ordinal));
        Assert.Contains("2023-11-01T14:00:00+00:00", text, StringComparison.Ordinal);
        Assert.Contains("2023-10-01T09:00:00+00:00", text, StringComparison.Ordinal);
        Assert.Contains(Question, text, StringComparison.Ordinal);
        Assert.Equal(("Media/photo-1", "ImagingStudy/study-1#1.1", "No change."),
            (result.GetProperty("current").GetString(), result.GetProperty("prior").GetString(), result.GetProperty("answer").GetString()));
    }

    [Fact]
    public async Task CompareImages_DifferentPatients_RefusedWithoutAskingTheModel()
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().CompareImagesAsync("Media/photo-other", "Media/photo-1", Question));

        Assert.Contains("not images of the same patient", result.GetProperty("error").GetString());
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task CompareImages_SameImageTwice_ReturnsError()
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().CompareImagesAsync("Media/photo-1", " Media/photo-1 ", Question));

        Assert.Contains("the same image", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task CompareImages_BadPriorId_ErrorNamesThatParameter()
    {
        using var services = fixture.Services(new RecordingVisionClient());

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().CompareImagesAsync("Media/photo-1", "yesterday", Question));

        Assert.StartsWith("prior_id", result.GetProperty("error").GetString());
    }
}
