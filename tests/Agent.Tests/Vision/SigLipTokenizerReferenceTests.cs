using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Agent.Tests.Vision;

/// <summary>
/// The tiny tokenizer through Microsoft.ML.Tokenizers against Google's own SentencePiece library: the expected ids are
/// what sentencepiece 0.1.97's <c>SentencePieceProcessor.encode</c> gave for the same file (which it loaded as
/// bos −1, eos 1, pad 0, unk 2, as SigLIP's is), computed once outside this repository, with <c>&lt;/s&gt;</c> appended.
/// </summary>
public sealed class SigLipTokenizerReferenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-siglip-spm-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("pleural effusion", new[] { 29, 30, 1 })]
    [InlineData("a photo of an arm with a rash", new[] { 3, 12, 6, 4, 15, 7, 3, 16, 1 })]
    [InlineData("xray 2024 lesionx", new[] { 25, 41, 70, 68, 70, 72, 18, 65, 1 })]
    [InlineData("Enlarged  heart.", new[] { 33, 34, 1 })]
    [InlineData("cardiomegaly", new[] { 32, 1 })]
    [InlineData("zq", new[] { 41, 67, 58, 1 })]
    [InlineData("ödem", new[] { 41, 2, 45, 46, 54, 1 })]
    public void EncodeOne_Label_MatchesSentencePieceReference(string label, int[] expected)
    {
        TinySigLipModel.Write(_folder);
        var tokenizer = SigLipTokenizer.Load(Path.Combine(_folder, MedSigLipFiles.TokenizerName), TinySigLipModel.MaxTextTokens);

        var ids = tokenizer.EncodeOne(label);

        Assert.Equal(expected, ids);
    }

    [Fact]
    public void EncodeOne_LabelLongerThanTextLength_KeepsEosLast()
    {
        TinySigLipModel.Write(_folder);
        var tokenizer = SigLipTokenizer.Load(Path.Combine(_folder, MedSigLipFiles.TokenizerName), 4);

        var ids = tokenizer.EncodeOne("a photo of an arm with a rash");

        Assert.Equal([3, 12, 6, 1], ids);
    }
}
