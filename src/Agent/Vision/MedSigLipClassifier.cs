using ClinicalAgent.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// MedSigLIP zero-shot classification over ONNX Runtime: the image through the vision encoder, all labels through the
/// text encoder in one batch, both embeddings L2-normalised, and per label
/// <c>score = sigmoid(exp(logit_scale) · cos + logit_bias)</c> — SigLIP's sigmoid, so each label is judged on its own
/// and adding a label never changes another's score. The two sessions and the tokenizer load once, in the constructor,
/// and are shared by concurrent calls.
/// </summary>
public sealed class MedSigLipClassifier : IZeroShotImageClassifier, IDisposable
{
    private readonly OnnxEncoder _vision;
    private readonly OnnxEncoder _text;
    private readonly SigLipTokenizer _tokenizer;
    private readonly SessionOptions _sessionOptions;

    /// <summary>Loads the folder's four files (<see cref="MedSigLipFiles"/>).</summary>
    /// <exception cref="MedSigLipException">A file is missing, foreign or corrupt, or the files disagree; the message names the file.</exception>
    public MedSigLipClassifier(string folder, int intraOpThreads = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Files = MedSigLipFiles.In(folder);
        if (!Directory.Exists(Files.Folder))
            throw new MedSigLipException(Files.Folder, $"MedSigLIP folder {Files.Folder} does not exist (Vision:MedSigLip:Path; see 'clinicalagent model pull medsiglip').");
        Config = MedSigLipConfig.Read(Files.Config);
        _sessionOptions = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        if (intraOpThreads > 0)
            _sessionOptions.IntraOpNumThreads = intraOpThreads;
        var loaded = new List<IDisposable> { _sessionOptions };
        try
        {
            _vision = OnnxEncoder.Load(Files.VisionModel, "vision model", _sessionOptions);
            loaded.Add(_vision);
            _text = OnnxEncoder.Load(Files.TextModel, "text model", _sessionOptions);
            loaded.Add(_text);
            ImageSize = CheckVision(_vision, Config);
            MaxTextTokens = CheckText(_text, Config);
            if (_vision.EmbeddingDim is { } v && _text.EmbeddingDim is { } t && v != t)
                throw new MedSigLipException(Files.TextModel, $"MedSigLIP text model {Files.TextModel} embeds in {t} dimensions but the vision model {Files.VisionModel} in {v}; export both from the same checkpoint.");
            _tokenizer = SigLipTokenizer.Load(Files.Tokenizer, MaxTextTokens);
        }
        catch
        {
            loaded.ForEach(d => d.Dispose());
            throw;
        }
    }

    public MedSigLipFiles Files { get; }

    public MedSigLipConfig Config { get; }

    /// <summary>The side of the square the vision encoder takes (448 for MedSigLIP), from its input shape.</summary>
    public int ImageSize { get; }

    /// <summary>The token length the text encoder takes (64 for MedSigLIP), from its input shape.</summary>
    public int MaxTextTokens { get; }

    /// <summary>The embedding dimension when the exports fix it (1152 for MedSigLIP).</summary>
    public int? EmbeddingDim => _vision.EmbeddingDim ?? _text.EmbeddingDim;

    public int VocabularySize => _tokenizer.VocabularySize;

    public string ModelName => Files.ModelName(Config.Model);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No labels, or a label with no words.</exception>
    /// <exception cref="MedSigLipException">An encoder failed or the towers' embeddings disagree in size.</exception>
    public Task<IReadOnlyList<LabelScore>> ClassifyAsync(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
            throw new ArgumentException("Give at least one label to score.", nameof(labels));
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] is null || SigLipTokenizer.Canonicalize(labels[i]).Length == 0)
                throw new ArgumentException($"Label {i + 1} ('{labels[i]}') has no words once punctuation is removed.", nameof(labels));
        }

        // ONNX Runtime blocks for the whole run: off the caller's thread, so a chat or server stays responsive.
        return Task.Run(() => Classify(image, labels, cancellationToken), cancellationToken);
    }

    /// <summary>The image's L2-normalised embedding.</summary>
    internal float[] EmbedImage(ImagePixels image, CancellationToken cancellationToken = default)
    {
        var tensor = SigLipImagePreprocessor.ToTensor(image, ImageSize);
        return Normalized(_vision.Run(tensor, [1, 3, ImageSize, ImageSize], cancellationToken)[0]);
    }

    /// <summary>The labels' L2-normalised embeddings, in one text-encoder run (one run per label if the export fixed the batch at 1).</summary>
    internal float[][] EmbedLabels(IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        var ids = _tokenizer.Encode(labels);
        if (_text.InputShape[0] == 1 && labels.Count > 1)
        {
            return Enumerable.Range(0, labels.Count)
                .Select(i => Normalized(_text.Run(ids.AsSpan(i * MaxTextTokens, MaxTextTokens).ToArray(), [1, MaxTextTokens], cancellationToken)[0]))
                .ToArray();
        }

        return _text.Run(ids, [labels.Count, MaxTextTokens], cancellationToken).Select(Normalized).ToArray();
    }

    /// <summary>The token ids a label is encoded to, padded to <see cref="MaxTextTokens"/>.</summary>
    internal long[] TokenIds(string label) => _tokenizer.Encode([label]);

    public void Dispose()
    {
        _vision.Dispose();
        _text.Dispose();
        _sessionOptions.Dispose();
    }

    private IReadOnlyList<LabelScore> Classify(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var imageEmbedding = EmbedImage(image, cancellationToken);
        var textEmbeddings = EmbedLabels(labels, cancellationToken);
        var scores = new LabelScore[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (textEmbeddings[i].Length != imageEmbedding.Length)
                throw new MedSigLipException(Files.TextModel, $"MedSigLIP text model {Files.TextModel} embeds in {textEmbeddings[i].Length} dimensions but the vision model in {imageEmbedding.Length}; export both from the same checkpoint.");
            var cosine = 0.0;
            for (var j = 0; j < imageEmbedding.Length; j++)
            {
                cosine += (double)imageEmbedding[j] * textEmbeddings[i][j];
            }

            var logit = Config.LogitScale * cosine + Config.LogitBias;
            scores[i] = new LabelScore(labels[i], 1.0 / (1.0 + Math.Exp(-logit)), logit);
        }

        return scores;
    }

    private static float[] Normalized(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        // A zero embedding has no direction: leave it zero (cosine 0) rather than divide by zero.
        return norm == 0 ? vector : vector.Select(v => (float)(v / norm)).ToArray();
    }

    private static int CheckVision(OnnxEncoder vision, MedSigLipConfig config)
    {
        var shape = vision.InputShape;
        if (vision.InputType != TensorElementType.Float || shape.Count != 4 || shape[1] is not (3 or -1))
            throw new MedSigLipException(vision.Path, $"MedSigLIP vision model {vision.Path} takes {vision.InputName} {vision.InputType} [{string.Join(", ", shape)}]; pixel_values float [batch, 3, size, size] is expected.");
        if (shape[2] > 0 && shape[3] > 0 && shape[2] != shape[3])
            throw new MedSigLipException(vision.Path, $"MedSigLIP vision model {vision.Path} takes {shape[2]}×{shape[3]} images; a square input is expected.");
        return Size(vision, shape[2] > 0 ? shape[2] : shape[3], config.ImageSize, "image_size");
    }

    private static int CheckText(OnnxEncoder text, MedSigLipConfig config)
    {
        var shape = text.InputShape;
        if (text.InputType != TensorElementType.Int64 || shape.Count != 2)
            throw new MedSigLipException(text.Path, $"MedSigLIP text model {text.Path} takes {text.InputName} {text.InputType} [{string.Join(", ", shape)}]; input_ids int64 [batch, tokens] is expected.");
        return Size(text, shape[1], config.MaxTextTokens, "max_text_tokens");
    }

    /// <summary>The model's own dimension wins; the config fills in a dynamic one, and must agree with a fixed one.</summary>
    private static int Size(OnnxEncoder encoder, int fromModel, int? fromConfig, string key)
    {
        if (fromModel > 0 && fromConfig is { } configured && configured != fromModel)
            throw new MedSigLipException(encoder.Path, $"MedSigLIP {encoder.Role} {encoder.Path} takes {fromModel} but {MedSigLipFiles.ConfigName} says {key} {configured}.");
        if (fromModel > 0)
            return fromModel;
        return fromConfig is { } size && size >= 2
            ? size
            : throw new MedSigLipException(encoder.Path, $"MedSigLIP {encoder.Role} {encoder.Path} has a dynamic size; set {key} in {MedSigLipFiles.ConfigName}.");
    }
}
