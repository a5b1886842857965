using ClinicalAgent.Agent.Models.Onnx;

namespace ClinicalAgent.Agent.Vision;

/// <summary>What a validated MedSigLIP folder holds (<see cref="MedSigLipCheck"/>): both encoders' headers, the sizes the
/// classifier uses, the tokenizer's vocabulary and the scoring constants.</summary>
public sealed record MedSigLipSummary(
    string Folder,
    string ModelName,
    OnnxModelSummary Vision,
    OnnxModelSummary Text,
    long TokenizerSize,
    int VocabularySize,
    int ImageSize,
    int MaxTextTokens,
    int EmbeddingDim,
    MedSigLipConfig Config);
