using ClinicalAgent.Agent.Models.Synthetic;

namespace ClinicalAgent.Agent.Tests.Models.Synthetic;

[Collection(SyntheticVocabularyCollection.Name)]
public sealed class GemmaTokenizerJsonTests(SyntheticVocabularyFixture model)
{
    [Fact]
    public void Read_GemmaTokenizer_HasTheRealSizeAndSpecialIds()
    {
        var vocabulary = model.Vocabulary;

        Assert.Equal(262_144, vocabulary.Tokens.Count);
        Assert.Equal((0, 1, 2, 3), (vocabulary.PadId, vocabulary.EosId, vocabulary.BosId, vocabulary.UnknownId));
        Assert.Equal(["<pad>", "<eos>", "<bos>", "<unk>"], vocabulary.Tokens.Take(4));
    }

    [Theory]
    [InlineData("<start_of_turn>", GemmaVocabulary.Control)]
    [InlineData("<end_of_image>", GemmaVocabulary.Control)]
    [InlineData("<unk>", GemmaVocabulary.Unknown)]
    [InlineData("<unused0>", GemmaVocabulary.UserDefined)]
    [InlineData("<table>", GemmaVocabulary.UserDefined)]
    [InlineData("<0x41>", GemmaVocabulary.Byte)]
    [InlineData("Hello", GemmaVocabulary.Normal)]
    [InlineData("\u2581the", GemmaVocabulary.Normal)]
    public void Read_GemmaTokenizer_MarksTokenTypes(string token, int type)
    {
        var id = model.Vocabulary.Tokens.ToList().IndexOf(token);

        Assert.True(id >= 0, $"{token} is not in the vocabulary");
        Assert.Equal(type, model.Vocabulary.Types[id]);
    }

    [Fact]
    public void Read_GemmaTokenizer_EarlierMergesScoreHigher()
    {
        var tokens = model.Vocabulary.Tokens.ToList();

        // "▁the" is among the first merges; a rare long piece comes much later. Single characters are never merged into.
        var common = model.Vocabulary.Scores[tokens.IndexOf("\u2581the")];
        var rare = model.Vocabulary.Scores[tokens.IndexOf("\u2581cyanocobalamin") is >= 0 and var i ? i : tokens.IndexOf("\u2581potassium")];
        Assert.True(common > rare, $"▁the scored {common}, the rarer piece {rare}");
        Assert.Equal(0f, model.Vocabulary.Scores[tokens.IndexOf("a")]);
    }

    [Fact]
    public void Read_MissingFile_FailsWithTheFileName()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder", "tokenizer.json");

        var error = Assert.Throws<SyntheticModelException>(() => GemmaTokenizerJson.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Read_NotATokenizer_FailsWithAShortMessage()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}");

        var error = Assert.Throws<SyntheticModelException>(() => GemmaTokenizerJson.Read(path));

        File.Delete(path);
        Assert.Contains("Unigram", error.Message);
    }

    [Fact]
    public void Resolve_MissingPath_SaysHowToGetTheTokenizer()
    {
        var error = Assert.Throws<SyntheticModelException>(() => GemmaTokenizerLocation.Resolve("/no/such/tokenizer.json"));

        Assert.Contains("/no/such/tokenizer.json", error.Message);
    }
}
