using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Images;

public sealed class DescribeImageTests(ImageRecordFixture fixture) : IClassFixture<ImageRecordFixture>
{
    private const string Question = "Is there a pleural effusion on the left?";

    [Fact]
    public async Task DescribeImage_StudyInstance_SendsTheBinarysPixelsAndTheQuestionInOneUserMessage()
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().DescribeImageAsync("ImagingStudy/study-1#1.1", Question));

        var message = Assert.Single(Assert.Single(chat.Requests));
        Assert.Equal(Microsoft.Extensions.AI.ChatRole.User, message.Role);
        var image = Assert.Single(chat.LastImages);
        Assert.Equal("image/png", image.MediaType);
        var sent = MedicalImageDecoder.Decode(image.Data.ToArray());
        Assert.Equal((ImageRecordFixture.Chest.Width, ImageRecordFixture.Chest.Height), (sent.Width, sent.Height));
        Assert.Equal(ImageRecordFixture.Chest.Rgb24, sent.Rgb24);
        Assert.Contains(Question, chat.LastText, StringComparison.Ordinal);
        Assert.Contains("ImagingStudy/study-1#1.1", chat.LastText, StringComparison.Ordinal);
        Assert.Equal("ImagingStudy/study-1#1.1", result.GetProperty("image").GetString());
        Assert.Equal($"Patient/{ImageRecordFixture.PatientId}", result.GetProperty("patient").GetString());
        Assert.Equal("Blunting of the left costophrenic angle; moderate certainty.", result.GetProperty("answer").GetString());
        Assert.Equal(RecordingVisionClient.ModelId, result.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("Media/photo-1", "photo")]
    [InlineData("DocumentReference/scan-doc#1", "scan")]
    public async Task DescribeImage_AttachmentDataOrBinaryUrl_SendsThoseExactPixels(string imageId, string which)
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);
        var expected = which == "photo" ? ImageRecordFixture.Photo : ImageRecordFixture.Scan;

        await services.GetRequiredService<ImagePlugin>().DescribeImageAsync(imageId, Question);

        var sent = MedicalImageDecoder.Decode(Assert.Single(chat.LastImages).Data.ToArray());
        Assert.Equal(expected.Rgb24, sent.Rgb24);
    }

    [Fact]
    public async Task DescribeImage_JpegInReport_SendsItAsPngOfTheSameSize()
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);

        await services.GetRequiredService<ImagePlugin>().DescribeImageAsync("DiagnosticReport/report-1#1", Question);

        var image = Assert.Single(chat.LastImages);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal((byte)0x89, image.Data.Span[0]);
        var sent = MedicalImageDecoder.Decode(image.Data.ToArray());
        Assert.Equal((32, 32), (sent.Width, sent.Height));
    }

    [Fact]
    public async Task DescribeImage_LargeImage_LongestSideCappedKeepingAspect()
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);

        await services.GetRequiredService<ImagePlugin>().DescribeImageAsync("Media/large", Question);

        var sent = MedicalImageDecoder.Decode(Assert.Single(chat.LastImages).Data.ToArray());
        Assert.Equal((896, 448), (sent.Width, sent.Height));
    }

    [Fact]
    public async Task DescribeImage_NoModelRegistered_ReturnsErrorSayingHowToGetOne()
    {
        using var services = fixture.Services();

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().DescribeImageAsync("Media/photo-1", Question));

        Assert.Contains("model pull", result.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("photo-1", "is not an image id")]
    [InlineData("Observation/obs-1", "is not an image id")]
    [InlineData("ImagingStudy/study-1", "needs the series and instance")]
    [InlineData("Media/photo-1#1", "has no '#' part")]
    [InlineData("DocumentReference/scan-doc", "needs the attachment number")]
    [InlineData("Media/nothing-here", "does not exist")]
    [InlineData("DocumentReference/scan-doc#2", "is not an image of DocumentReference/scan-doc")]
    [InlineData("ImagingStudy/study-1#2.1", "is not an image of ImagingStudy/study-1")]
    [InlineData("ImagingStudy/study-1#1.2", "no stored pixels")]
    [InlineData("Media/broken", "cannot be decoded")]
    public async Task DescribeImage_BadImage_ReturnsErrorAndAsksNoModel(string imageId, string error)
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().DescribeImageAsync(imageId, Question));

        Assert.Contains(error, result.GetProperty("error").GetString());
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task DescribeImage_FileOverTheLimit_ReturnsTooLarge()
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat, configure: o => o.MaxImageBytes = 100);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().DescribeImageAsync("Media/photo-1", Question));

        Assert.Contains("too large", result.GetProperty("error").GetString());
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task DescribeImage_EmptyQuestion_ReturnsError()
    {
        var chat = new RecordingVisionClient();
        using var services = fixture.Services(chat);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().DescribeImageAsync("Media/photo-1", "  "));

        Assert.Contains("question is required", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DescribeImage_ModelThrows_ReturnsErrorNamingOnlyTheFailureKind()
    {
        using var services = fixture.Services(new ThrowingChatClient());

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().DescribeImageAsync("Media/photo-1", Question));

        var error = result.GetProperty("error").GetString();
        Assert.Contains("could not answer (IOException)", error);
        Assert.DoesNotContain(ThrowingChatClient.Secret, error);
    }
}
