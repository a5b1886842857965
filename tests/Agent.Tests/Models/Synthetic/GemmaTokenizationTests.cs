using System.Text;
using ClinicalAgent.Agent.Models.Synthetic;
using Xunit.Abstractions;

namespace ClinicalAgent.Agent.Tests.Models.Synthetic;

/// <summary>llama.cpp, loading a synthetic GGUF with the converted vocabulary, tokenizes as Gemma 3's reference tokenizer does.</summary>
[Collection(SyntheticVocabularyCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class GemmaTokenizationTests(SyntheticVocabularyFixture model, ITestOutputHelper output)
{
    /// <summary>Clinical English, numbers and units, punctuation, whitespace runs, newlines, other scripts, emoji, code,
    /// JSON calls, Gemma's turn markers and other added tokens, and characters only byte fallback can spell.</summary>
    public static readonly string[] Corpus =
    [
        "Hello, my dog is cute",
        "Potassium 5.8 mmol/L (ref 3.5–5.1) on 2024-03-07T08:15:00Z; creatinine 112 µmol/L, eGFR 54 mL/min/1.73m².",
        "Vitamin B12 350 pg/mL, folate 4.2 ng/mL; give cyanocobalamin 1000 µg IM, then 500 μg PO q.d. HbA1c 7.4 %.",
        "Pt c/o SOB & CP x3d; BP 142/91 mmHg, HR 104 bpm, SpO₂ 93% RA, T 38.2 °C. Hx: T2DM, HTN, CKD G3a.",
        "1234567890 3.14159 -0.001 1e-6 1,000,000 ½ ¾ 10^9/L ±2 SD ≥ 7 ≤ 3",
        "   leading spaces, trailing   ",
        "a  b   c    d" + new string(' ', 40) + "e",
        "tabs\tand\t\tmore\t\t\t\ttabs",
        "lines\n\n\nbreaks\r\nand\rcarriage" + new string('\n', 35) + "end",
        "{\"tool_calls\": [{\"name\": \"get_observations\", \"arguments\": {\"patient_id\": \"S1104961\", \"code\": \"2823-3\", \"count\": 5}}]}",
        "def egfr(scr, age):\n    return 142 * min(scr / 0.9, 1) ** -0.302  # CKD-EPI 2021\n",
        "Пациент жалуется на боль в груди. Ελληνικά: α-blocker, β₂-agonist, γ-GT.",
        "患者は胸痛を訴えている。患者主诉胸痛三天。환자는 흉통을 호소합니다.",
        "المريض يشكو من ألم في الصدر — रोगी को सीने में दर्द है — ผู้ป่วยเจ็บหน้าอก",
        "Feeling 😷🤒 today 👍🏽 ❤️ 🧑‍⚕️ 🇬🇧",
        "Rare: 𠜎𠜱𡃁 \u2028 zero\u200bwidth caf\u00e9 cafe\u0301",
        "<start_of_turn>user\nWhat is the latest potassium for S1104961?<end_of_turn>\n<start_of_turn>model\n",
        "<bos><eos><pad> <start_of_image><end_of_image> <unused0> <mask> [multimodal] <table><tr><td>K+</td></tr></table>",
        "▁already▁escaped▁ and <0x41> literal",
    ];

    [Fact]
    public async Task Tokenize_VariedCorpus_EqualsReferenceTokenizer()
    {
        var expected = await ReferenceTokenizer.EncodeAsync(Corpus);

        var actual = Corpus.Select(text => model.Weights.Tokenize(text, add_bos: true, special: true, Encoding.UTF8).Select(t => (int)t).ToArray()).ToArray();

        for (var i = 0; i < Corpus.Length; i++)
        {
            output.WriteLine($"{expected[i].Length,4} tokens: {Corpus[i][..Math.Min(40, Corpus[i].Length)].ReplaceLineEndings("⏎")}");
            Assert.True(expected[i].SequenceEqual(actual[i]),
                $"text {i} ({Corpus[i]}):\n reference {string.Join(',', expected[i])}\n llama.cpp {string.Join(',', actual[i])}");
        }
    }

    [Fact]
    public void Tokenize_ChatTurn_TurnMarkersAreTheRealControlIds()
    {
        var ids = model.Weights.Tokenize("<start_of_turn>user\nhi<end_of_turn>\n", add_bos: false, special: true, Encoding.UTF8).Select(t => (int)t).ToArray();

        // Gemma 3's published ids: <start_of_turn> 105, <end_of_turn> 106, "\n" 107.
        Assert.Equal(105, ids[0]);
        Assert.Equal([106, 107], ids[^2..]);
        Assert.Equal(GemmaVocabulary.Control, model.Vocabulary.Types[105]);
    }

    [Fact]
    public void Tokenize_MarkersWithoutSpecialParsing_AreTextNotControlTokens()
    {
        var ids = model.Weights.Tokenize("<start_of_turn>", add_bos: false, special: false, Encoding.UTF8).Select(t => (int)t).ToArray();

        // A user's text must not open a turn: unparsed, the marker is spelled with ordinary pieces.
        Assert.DoesNotContain(105, ids);
        Assert.True(ids.Length > 1);
    }
}
