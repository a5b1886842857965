namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>
/// Writes the real Gemma 3 vocabulary into a small model (<see cref="GemmaShape.VocabularyOnly"/>, about 9 MB) that
/// llama.cpp loads in milliseconds, so benchmarks and tests count and compare tokens exactly as Gemma does.
/// </summary>
public static class GemmaVocabularyModel
{
    /// <summary>Writes it to <paramref name="path"/> from <paramref name="tokenizerJson"/> (default: <see cref="GemmaTokenizerLocation.Find"/>).</summary>
    /// <exception cref="SyntheticModelException">No tokenizer.json was found or given.</exception>
    public static void Write(string path, string? tokenizerJson = null)
    {
        var vocabulary = GemmaTokenizerJson.Read(GemmaTokenizerLocation.Resolve(tokenizerJson));
        SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(GemmaShape.VocabularyOnly, vocabulary, GgmlType.Q8_0), path);
    }
}
