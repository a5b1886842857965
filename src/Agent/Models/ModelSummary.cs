namespace ClinicalAgent.Agent.Models;

/// <summary>What a person wants to know about a GGUF file before loading it.</summary>
/// <param name="Path">The file.</param>
/// <param name="FileSize">Its size in bytes.</param>
/// <param name="GgufVersion">The GGUF container version (2 or 3).</param>
/// <param name="Architecture"><c>general.architecture</c>: gemma3, llama, … or clip for a projector.</param>
/// <param name="Name"><c>general.name</c>, when the converter wrote one.</param>
/// <param name="ParameterCount">Elements summed over all tensors.</param>
/// <param name="Quantization">The <c>general.file_type</c> name (Q4_K_M, F16, …), else the type holding most tensor elements.</param>
/// <param name="TensorCount">How many tensors the file holds.</param>
/// <param name="ContextLength"><c>&lt;arch&gt;.context_length</c>: the longest context the model was trained for.</param>
/// <param name="EmbeddingLength"><c>&lt;arch&gt;.embedding_length</c>; a projector's output must have this width.</param>
/// <param name="ProjectionDim">For a projector (mmproj), <c>clip.vision.projection_dim</c>: the width it projects images to.</param>
/// <param name="HasChatTemplate">Whether <c>tokenizer.chat_template</c> is present.</param>
public sealed record ModelSummary(
    string Path,
    long FileSize,
    uint GgufVersion,
    string Architecture,
    string? Name,
    ulong ParameterCount,
    string Quantization,
    int TensorCount,
    ulong? ContextLength,
    ulong? EmbeddingLength,
    ulong? ProjectionDim,
    bool HasChatTemplate)
{
    /// <summary>The architecture llama.cpp gives multimodal projector (mmproj) files.</summary>
    public const string ProjectorArchitecture = "clip";

    public bool IsProjector => Architecture == ProjectorArchitecture;

    /// <summary>
    /// For a projector, its <c>clip.*</c> hyper-parameters as text in file order (projector type, image and patch size,
    /// widths, block and head counts, layer-norm epsilon, image mean and std, pooling factor): what decides the image
    /// tokens and which model it serves. Empty for a language model.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ProjectorSettings { get; init; } = [];

    public static ModelSummary Read(string path) => From(GgufFile.Read(path));

    public static ModelSummary From(GgufFile file)
    {
        var architecture = file.GetString("general.architecture") ?? "unknown";
        var dominant = file.Tensors
            .GroupBy(t => t.Type)
            .Select(g => (Type: g.Key, Elements: g.Aggregate(0UL, (sum, t) => sum + t.ElementCount)))
            .OrderByDescending(g => g.Elements)
            .Select(g => GgmlTypes.Name(g.Type))
            .FirstOrDefault();
        var quantization = (file.GetUInteger("general.file_type") is { } fileType ? GgmlTypes.FileTypeName(fileType) : null)
            ?? dominant
            ?? "none";
        return new ModelSummary(
            file.Path,
            file.FileSize,
            file.Version,
            architecture,
            file.GetString("general.name"),
            file.Tensors.Aggregate(0UL, (sum, t) => sum + t.ElementCount),
            quantization,
            file.Tensors.Count,
            file.GetUInteger($"{architecture}.context_length"),
            file.GetUInteger($"{architecture}.embedding_length"),
            file.GetUInteger("clip.vision.projection_dim"),
            file.Metadata.ContainsKey("tokenizer.chat_template"))
        {
            ProjectorSettings = architecture == ProjectorArchitecture
                ? file.Metadata.Where(m => m.Key.StartsWith("clip.", StringComparison.Ordinal))
                    .Select(m => KeyValuePair.Create(m.Key, Text(m.Value))).ToList()
                : [],
        };
    }

    private static string Text(object value) => value switch
    {
        float f => f.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        GgufArray { Items: { } items } => "[" + string.Join(", ", items.Select(Text)) + "]",
        GgufArray array => $"[{array.Count} items]",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Fails with a message naming both files when <paramref name="projector"/> cannot serve <paramref name="model"/>:
    /// it is not a clip (mmproj) file, the model is one, or the projection width differs from the model's embedding width.
    /// </summary>
    public static void EnsureProjectorMatches(ModelSummary model, ModelSummary projector)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(projector);
        if (model.IsProjector)
        {
            throw new InvalidDataException($"{model.Path} is a multimodal projector (architecture clip), not a language model; pass it as the projector instead.");
        }

        if (!projector.IsProjector)
        {
            throw new InvalidDataException(
                $"{projector.Path} is not a multimodal projector: its architecture is {projector.Architecture}, an mmproj file has {ProjectorArchitecture}.");
        }

        if (model.EmbeddingLength is { } embedding && projector.ProjectionDim is { } projection && embedding != projection)
        {
            throw new InvalidDataException(
                $"{projector.Path} projects images to {projection} dimensions but {model.Path} ({model.Architecture}) embeds tokens in {embedding}: "
                + "the projector belongs to another model size.");
        }
    }
}
