using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Agent.Tests.Vision;

public sealed class SigLipTokenizerTests
{
    [Theory]
    [InlineData("Pleural   Effusion!", "pleural effusion")]
    [InlineData("  X-ray: (normal)  ", "xray normal")]
    [InlineData("a photo of an arm, with a rash.", "a photo of an arm with a rash")]
    [InlineData("Ödem\tlinks", "ödem links")]
    public void Canonicalize_Text_LowerCasedWithoutPunctuation(string text, string expected)
    {
        var canonical = SigLipTokenizer.Canonicalize(text);

        Assert.Equal(expected, canonical);
    }
}
