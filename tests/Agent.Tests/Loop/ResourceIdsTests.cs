using ClinicalAgent.Agent.Loop;

namespace ClinicalAgent.Agent.Tests.Loop;

public sealed class ResourceIdsTests
{
    [Theory]
    [InlineData("K 4.1 (Observation/abc-1).", "Observation/abc-1")]
    [InlineData("See Condition/123 and Observation/x.y, then Condition/123 again", "Condition/123|Observation/x.y")]
    [InlineData("http://host/fhir/Observation/abc is a URL, and/or is not an id", "")]
    [InlineData("[{\"id\":\"Patient/p1\"}]", "Patient/p1")]
    public void Find_Text_ReturnsDistinctReferences(string text, string expected)
    {
        var ids = ResourceIds.Find(text);

        Assert.Equal(expected, string.Join("|", ids));
    }
}
