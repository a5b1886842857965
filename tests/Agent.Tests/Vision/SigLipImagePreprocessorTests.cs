using ClinicalAgent.Agent.Vision;
using ClinicalAgent.Imaging;
using Xunit.Abstractions;

namespace ClinicalAgent.Agent.Tests.Vision;

public sealed class SigLipImagePreprocessorTests(ITestOutputHelper output)
{
    /// <summary>
    /// The expected pixels are Pillow 9.4's <c>Image.resize((8, 8), Image.BILINEAR)</c> of the same pattern (what
    /// MedSigLIP's Hugging Face processor runs), computed once outside this repository and written here.
    /// </summary>
    [Theory]
    [InlineData(13, 9, "17,0,40,74,4,42,135,13,43,192,27,44,77,48,45,57,71,46,118,101,48,175,134,49,29,4,43,86,8,53,147,17,63,204,31,72,89,52,83,69,75,93,130,105,103,187,138,113,41,7,45,98,11,63,159,20,82,216,34,100,101,55,121,81,78,139,142,108,158,199,141,176,53,10,47,110,14,74,171,23,102,193,37,129,78,58,158,93,81,185,154,111,185,211,144,125,65,14,49,122,18,84,183,27,122,163,41,157,48,62,196,105,85,168,166,115,99,223,148,48,77,17,52,134,21,96,195,30,142,175,44,185,60,65,207,117,88,83,178,118,68,235,151,111,89,20,55,146,24,106,193,33,162,85,47,214,72,68,128,129,91,72,190,121,123,135,154,175,101,24,57,158,28,116,200,37,181,62,51,176,84,72,65,141,95,114,202,125,178,109,158,112")]
    [InlineData(40, 30, "109,14,61,120,58,99,135,143,118,127,103,121,118,135,112,134,124,111,132,101,125,114,133,133,133,24,102,121,68,148,134,153,122,132,113,124,122,145,124,119,134,134,139,111,126,135,120,131,143,36,120,123,80,126,121,161,129,140,120,130,128,139,119,116,146,127,125,123,124,147,120,128,147,47,122,128,91,126,116,157,142,125,109,131,137,116,130,128,129,124,122,134,122,140,131,119,128,58,120,138,102,126,126,166,133,114,117,123,136,127,125,130,116,127,121,143,120,126,139,119,107,69,128,133,113,121,131,158,123,122,115,126,129,138,129,137,123,122,126,123,118,108,124,121,111,81,102,120,125,126,138,159,127,126,113,130,117,125,130,136,129,141,134,107,128,112,130,132,126,91,119,119,135,137,141,161,126,135,117,122,122,119,129,118,139,144,138,117,126,128,140,138")]
    [InlineData(5, 3, "0,0,40,16,0,40,39,1,40,62,3,40,86,6,40,109,9,40,132,13,40,148,16,40,1,0,40,17,0,40,40,1,40,63,3,41,87,6,41,110,9,41,133,13,41,149,16,41,5,1,40,21,1,41,44,2,42,67,4,44,91,7,45,114,10,47,137,14,48,153,17,49,9,2,40,25,2,42,48,3,44,71,5,47,95,8,50,118,11,52,141,15,55,157,18,56,13,4,40,29,4,42,52,5,46,75,7,50,99,10,54,122,13,58,145,17,61,161,20,64,17,5,40,33,5,43,56,6,48,79,8,53,103,11,58,126,14,63,149,18,68,165,21,71,21,6,40,37,6,44,60,7,51,83,9,56,107,12,62,130,15,68,153,19,75,169,22,79,22,6,40,38,6,44,61,7,51,84,9,57,108,12,63,131,15,69,154,19,76,170,22,80")]
    public void ToTensor_PatternResized_MatchesPillowBilinear(int width, int height, string pillowRgb)
    {
        var expected = pillowRgb.Split(',').Select(byte.Parse).ToArray();

        var tensor = SigLipImagePreprocessor.ToTensor(Pattern(width, height), 8);

        var worst = 0.0;
        for (var p = 0; p < 64; p++)
        {
            for (var c = 0; c < 3; c++)
                worst = Math.Max(worst, Math.Abs((tensor[c * 64 + p] + 1) * 127.5 - expected[p * 3 + c]));
        }

        output.WriteLine($"largest difference from Pillow: {worst:0.##} of 255");
        Assert.InRange(worst, 0, 1.001); // the last level's rounding only
    }

    [Fact]
    public void ToTensor_ImageAtModelSize_IsNormalisedChannelMajor()
    {
        var image = new ImagePixels(2, 2, [0, 255, 51, 102, 204, 153, 255, 0, 0, 0, 0, 255]);

        var tensor = SigLipImagePreprocessor.ToTensor(image, 2);

        Assert.Equal([-1f, -0.2f, 1f, -1f, 1f, 0.6f, -1f, -1f, -0.6f, 0.2f, -1f, 1f], tensor.Select(v => MathF.Round(v, 5)));
    }

    private static ImagePixels Pattern(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                rgb[i] = (byte)((x * 37 + y * 11) % 256);
                rgb[i + 1] = (byte)((x * x + 3 * y) % 256);
                rgb[i + 2] = (byte)((x * y * 5 + 40) % 256);
            }
        }

        return new ImagePixels(width, height, rgb);
    }
}
