using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Images;

public sealed class ListImagesTests(ImageRecordFixture fixture) : IClassFixture<ImageRecordFixture>
{
    [Fact]
    public async Task ListImages_PatientWithImages_EveryImageNewestFirst()
    {
        using var services = fixture.Services();

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ListImagesAsync(ImageRecordFixture.PatientId));

        var ids = ToolTable.Rows(result).Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(
            ["Media/photo-1", "ImagingStudy/study-1#1.1", "ImagingStudy/study-1#1.2", "DocumentReference/scan-doc#1", "DiagnosticReport/report-1#1", "Media/broken", "Media/large"],
            ids);
    }

    [Fact]
    public async Task ListImages_Rows_CarryModalitySiteSourceTypeAndSize()
    {
        using var services = fixture.Services();

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ListImagesAsync(ImageRecordFixture.PatientId));

        var rows = ToolTable.Rows(result).ToDictionary(r => r.GetProperty("id").GetString()!);
        var photo = rows["Media/photo-1"];
        Assert.Equal(("XC", "Left upper arm structure", "Media/photo-1", "image/png", "20×10"),
            (photo.GetProperty("modality").GetString(), photo.GetProperty("bodySite").GetString(), photo.GetProperty("source").GetString(),
             photo.GetProperty("type").GetString(), photo.GetProperty("size").GetString()));
        Assert.True(photo.GetProperty("bytes").GetInt64() > 0);
        var chest = rows["ImagingStudy/study-1#1.1"];
        Assert.Equal(("DX", "Thoracic structure", "ImagingStudy/study-1", "2023-10-01T09:00:00+00:00"),
            (chest.GetProperty("modality").GetString(), chest.GetProperty("bodySite").GetString(), chest.GetProperty("source").GetString(), chest.GetProperty("date").GetString()));
        Assert.Equal("Key image", rows["DiagnosticReport/report-1#1"].GetProperty("title").GetString());
    }

    [Fact]
    public async Task ListImages_ModalityAndBodySite_OnlyMatchingImages()
    {
        using var services = fixture.Services();
        var plugin = services.GetRequiredService<ImagePlugin>();

        var dx = ToolsFixture.Parse(await plugin.ListImagesAsync(ImageRecordFixture.PatientId, modality: "dx"));
        var arm = ToolsFixture.Parse(await plugin.ListImagesAsync(ImageRecordFixture.PatientId, body_site: "arm"));

        Assert.Equal(["ImagingStudy/study-1#1.1", "ImagingStudy/study-1#1.2"], ToolTable.Rows(dx).Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["Media/photo-1"], ToolTable.Rows(arm).Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ListImages_Since_DropsOlderImages()
    {
        using var services = fixture.Services();

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ListImagesAsync(ImageRecordFixture.PatientId, since: "2023-09-15"));

        Assert.Equal(["Media/photo-1", "ImagingStudy/study-1#1.1", "ImagingStudy/study-1#1.2"], ToolTable.Rows(result).Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ListImages_Limit_CutsAndSaysMore()
    {
        using var services = fixture.Services();

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ListImagesAsync(ImageRecordFixture.PatientId, limit: 2));

        Assert.Equal(2, ToolTable.Rows(result).Count);
        Assert.True(result.GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task ListImages_UnknownPatient_ReturnsError()
    {
        using var services = fixture.Services();

        var result = ToolsFixture.Parse(await services.GetRequiredService<ImagePlugin>().ListImagesAsync("S9999999"));

        Assert.Contains("does not exist", result.GetProperty("error").GetString());
    }
}
