namespace ClinicalAgent.Agent.Vision;

/// <summary>The layout of a MedSigLIP folder: two ONNX encoders, the SentencePiece tokenizer, and the scoring config.</summary>
public sealed record MedSigLipFiles(string Folder)
{
    public const string VisionModelName = "vision_model.onnx";
    public const string TextModelName = "text_model.onnx";
    public const string TokenizerName = "tokenizer.model";
    public const string ConfigName = "medsiglip.json";

    public string VisionModel => Path.Combine(Folder, VisionModelName);

    public string TextModel => Path.Combine(Folder, TextModelName);

    public string Tokenizer => Path.Combine(Folder, TokenizerName);

    public string Config => Path.Combine(Folder, ConfigName);

    /// <summary>The layout in <paramref name="folder"/>, made absolute and without a trailing separator.</summary>
    public static MedSigLipFiles In(string folder) => new(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));

    /// <summary>How citations and errors name the model: <c>medsiglip.json</c>'s <c>model</c>, else the folder's name.</summary>
    public string ModelName(string? configuredModel) => $"MedSigLIP ({configuredModel ?? Path.GetFileName(Folder)}, ONNX)";

    /// <summary>The four files in the order a user sets them up.</summary>
    public IReadOnlyList<string> All => [VisionModel, TextModel, Tokenizer, Config];
}
