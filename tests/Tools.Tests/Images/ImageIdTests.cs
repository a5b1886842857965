using ClinicalAgent.Tools.Images;

namespace ClinicalAgent.Tools.Tests.Images;

public sealed class ImageIdTests
{
    [Theory]
    [InlineData("ImagingStudy/abc-1#2.3", "ImagingStudy", "abc-1")]
    [InlineData("Media/m.1", "Media", "m.1")]
    [InlineData("DocumentReference/d1#4", "DocumentReference", "d1")]
    [InlineData(" DiagnosticReport/r1#1 ", "DiagnosticReport", "r1")]
    public void Parse_ContractForms_RoundTrip(string text, string type, string id)
    {
        var parsed = ImageId.Parse(text);

        Assert.Equal((type, id), (parsed.ResourceType, parsed.ResourceId));
        Assert.Equal(text.Trim(), parsed.ToString());
    }

    [Fact]
    public void Parse_StudyInstance_ReadsSeriesAndInstance()
    {
        var parsed = ImageId.Parse("ImagingStudy/s#12.7");

        Assert.Equal((12, 7, "ImagingStudy/s"), (parsed.Series, parsed.Instance, parsed.Resource));
    }

    [Theory]
    [InlineData("ImagingStudy/s#0.1")]
    [InlineData("DocumentReference/d#0")]
    [InlineData("Patient/S1")]
    [InlineData("")]
    [InlineData("Media/a b")]
    public void Parse_NotAnImageId_ThrowsToolArgumentException(string text)
    {
        var error = Assert.Throws<ToolArgumentException>(() => ImageId.Parse(text));

        Assert.Contains("image_id", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Binary/abc", "abc")]
    [InlineData("http://example.org/fhir/Binary/abc", "abc")]
    [InlineData("Binary/abc/_history/2", "abc")]
    [InlineData("http://example.org/NotBinary/abc", null)]
    [InlineData("Media/abc", null)]
    public void BinaryIdOf_References_IdOrNull(string reference, string? id)
    {
        var found = RecordImages.BinaryIdOf(reference);

        Assert.Equal(id, found);
    }
}
