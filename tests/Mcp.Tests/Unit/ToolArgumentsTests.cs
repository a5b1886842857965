using ClinicalAgent.Mcp.Access;
using ClinicalAgent.Mcp.Resources;

namespace ClinicalAgent.Mcp.Tests.Unit;

public sealed class ToolArgumentsTests
{
    [Theory]
    [InlineData("ImagingStudy/abc#1.1", null, "ImagingStudy", "abc")]
    [InlineData(" Media/xyz ", null, "Media", "xyz")]
    [InlineData("DocumentReference/d1#2", null, "DocumentReference", "d1")]
    [InlineData("d1", "DocumentReference", "DocumentReference", "d1")]
    public void Resource_ImageOrDocumentId_NamesTheHoldingResource(string text, string? bareType, string type, string id)
    {
        var resource = ToolArguments.Resource(text, bareType);

        Assert.Equal((type, id), resource);
    }

    [Theory]
    [InlineData("abc", null)]
    [InlineData("a/b/c", null)]
    [InlineData("/x", null)]
    public void Resource_NoRecognisableForm_IsNull(string text, string? bareType)
    {
        Assert.Null(ToolArguments.Resource(text, bareType));
    }

    [Theory]
    [InlineData("patient://S1104961/summary", "S1104961")]
    [InlineData("patient://S1104961/other", null)]
    [InlineData("patient://../summary", null)]
    [InlineData("patient://a%2Fb/summary", null)]
    [InlineData("file:///etc/passwd", null)]
    public void PatientIdOf_SummaryUri_OnlyAFhirId(string uri, string? id)
    {
        Assert.Equal(id, PatientSummaryResources.PatientIdOf(uri));
    }
}
