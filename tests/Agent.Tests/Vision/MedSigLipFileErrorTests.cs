using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Onnx;
using ClinicalAgent.Agent.Models.SentencePiece;
using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Agent.Tests.Vision;

public sealed class MedSigLipFileErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-siglip-bad-").FullName;

    public MedSigLipFileErrorTests() => TinySigLipModel.Write(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Constructor_FolderMissing_NamesFolder()
    {
        var missing = Path.Combine(_folder, "nowhere");

        var error = Load(missing);

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MedSigLipFiles.VisionModelName)]
    [InlineData(MedSigLipFiles.TextModelName)]
    [InlineData(MedSigLipFiles.TokenizerName)]
    [InlineData(MedSigLipFiles.ConfigName)]
    public void Constructor_FileMissing_NamesFile(string name)
    {
        File.Delete(Path.Combine(_folder, name));

        var error = Load(_folder);

        Assert.Equal(Path.Combine(_folder, name), error.FilePath);
        Assert.Contains($"{name} is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TextModelIsForeignFile_NamesFileAndOnnx()
    {
        File.Copy(Path.Combine(_folder, MedSigLipFiles.TokenizerName), Path.Combine(_folder, MedSigLipFiles.TextModelName), overwrite: true);

        var error = Load(_folder);

        Assert.Contains($"{MedSigLipFiles.TextModelName} is not an ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_VisionModelIsTextTower_SaysWhatInputIsExpected()
    {
        File.Copy(Path.Combine(_folder, MedSigLipFiles.TextModelName), Path.Combine(_folder, MedSigLipFiles.VisionModelName), overwrite: true);

        var error = Load(_folder);

        Assert.Contains("pixel_values float [batch, 3, size, size] is expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TokenizerCorrupt_NamesTokenizer()
    {
        File.WriteAllBytes(Path.Combine(_folder, MedSigLipFiles.TokenizerName), [0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2, 3]);

        var error = Load(_folder);

        Assert.Equal(Path.Combine(_folder, MedSigLipFiles.TokenizerName), error.FilePath);
        Assert.Contains("is not a SentencePiece model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TokenizerIsBpe_SaysUnigramIsExpected()
    {
        var bpe = new SentencePieceModelWriter { ModelType = 2, UnknownId = 0, BeginningOfSentenceId = 1, EndOfSentenceId = 2 };
        bpe.Add("<unk>", 0, SentencePieceType.Unknown).Add("<s>", 0, SentencePieceType.Control).Add("</s>", 0, SentencePieceType.Control).Add("\u2581a", -1);
        bpe.Save(Path.Combine(_folder, MedSigLipFiles.TokenizerName));

        var error = Load(_folder);

        Assert.Contains("BPE model; MedSigLIP's is Unigram", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"logit_scale\": 117.3, \"logit_bias\": -12.9}", "looks like exp(scale)")]
    [InlineData("{\"logit_scale\": 4.7}", "no number 'logit_bias'")]
    [InlineData("{\"logit_scale\": \"4.7\", \"logit_bias\": -12.9}", "'logit_scale' is not a finite number")]
    [InlineData("logit_scale=4.7", "is not JSON")]
    [InlineData("{\"logit_scale\": 2.3, \"logit_bias\": -2, \"image_size\": 448}", "takes 8 but medsiglip.json says image_size 448")]
    public void Constructor_ConfigWrong_SaysWhatIsWrong(string json, string expected)
    {
        File.WriteAllText(Path.Combine(_folder, MedSigLipFiles.ConfigName), json);

        var error = Load(_folder);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TowersEmbedInDifferentSizes_NamesBoth()
    {
        var weights = TinySigLipModel.Create();
        new OnnxModelWriter("text_5")
            .Input("input_ids", OnnxElementType.Int64, "batch", TinySigLipModel.MaxTextTokens)
            .Output("text_embeds", OnnxElementType.Float, "batch", 5)
            .Initializer("token_embedding", [weights.VocabularySize, TinySigLipModel.TextHidden], weights.TokenEmbedding)
            .Initializer("text_projection", [TinySigLipModel.TextHidden, 5], new float[TinySigLipModel.TextHidden * 5])
            .Node("Gather", ["token_embedding", "input_ids"], ["embedded"], ("axis", [0]))
            .Node("ReduceMean", ["embedded"], ["pooled"], ("axes", [1]), ("keepdims", [0]))
            .Node("MatMul", ["pooled", "text_projection"], ["text_embeds"])
            .Save(Path.Combine(_folder, MedSigLipFiles.TextModelName));

        var error = Load(_folder);

        Assert.Contains("embeds in 5 dimensions but the vision model", error.Message, StringComparison.Ordinal);
    }

    private static MedSigLipException Load(string folder)
    {
        var error = Assert.Throws<MedSigLipException>(() => new MedSigLipClassifier(folder).Dispose());
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }
}
