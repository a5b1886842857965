using ClinicalAgent.Imaging;

namespace ClinicalAgent.Imaging.Tests;

public sealed class ImagePixelsTests
{
    [Fact]
    public void Constructor_WithABufferOfTheWrongSize_SaysWhatItNeeds()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImagePixels(2, 2, new byte[11]));

        Assert.Contains("needs 12", error.Message, StringComparison.Ordinal);
    }
}
