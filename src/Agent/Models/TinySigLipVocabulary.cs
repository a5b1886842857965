using ClinicalAgent.Agent.Models.SentencePiece;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// The tiny MedSigLIP tokenizer's pieces, laid out as SigLIP's (T5's) SentencePiece model is: <c>&lt;pad&gt;</c> 0,
/// <c>&lt;/s&gt;</c> 1 (eos, and what MedSigLIP pads with), <c>&lt;unk&gt;</c> 2, no bos. Whole clinical words score
/// higher than their letters, so the Unigram segmentation of a label is its words; single letters and digits cover
/// anything else in lower-case ASCII.
/// </summary>
internal static class TinySigLipVocabulary
{
    public const int PadId = 0;
    public const int EosId = 1;
    public const int UnknownId = 2;

    private static readonly string[] Words =
    [
        "a", "an", "the", "of", "with", "no", "and", "is", "there", "photo", "image", "showing", "arm", "rash", "skin",
        "lesion", "melanoma", "benign", "nevus", "irregular", "border", "chest", "xray", "radiograph", "ct", "lung",
        "pleural", "effusion", "normal", "cardiomegaly", "enlarged", "heart", "opacity", "nodule", "pneumonia",
        "pneumothorax", "fracture", "mass",
    ];

    public static SentencePieceModelWriter Build()
    {
        var writer = new SentencePieceModelWriter
        {
            UnknownId = UnknownId,
            BeginningOfSentenceId = -1,
            EndOfSentenceId = EosId,
            PaddingId = PadId,
        };
        writer.Add("<pad>", 0, SentencePieceType.Control)
            .Add("</s>", 0, SentencePieceType.Control)
            .Add("<unk>", 0, SentencePieceType.Unknown);
        foreach (var word in Words)
        {
            writer.Add("\u2581" + word, -3f);
        }

        writer.Add("\u2581", -5f);
        foreach (var c in "abcdefghijklmnopqrstuvwxyz0123456789")
        {
            writer.Add(c.ToString(), -6f);
        }

        return writer;
    }
}
