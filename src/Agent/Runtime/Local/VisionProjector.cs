using ClinicalAgent.Imaging;
using LLama;
using LLama.Native;
using ClinicalAgent.Agent.Runtime.Prompting;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The loaded mmproj (llama.cpp's mtmd over <see cref="MtmdWeights"/>): prepares an image (decode, mtmd's resize and
/// normalisation into an image chunk) and encodes it into one conversation's sequence of the shared context. Layouts
/// are remembered per image hash, so a prompt whose images are cached is tokenized without decoding them.
/// </summary>
internal sealed class VisionProjector : IDisposable
{
    private const int MaxRememberedLayouts = 1024;

    private readonly MtmdWeights _weights;
    private readonly Dictionary<string, ImageLayout> _layouts = new(StringComparer.Ordinal);
    // mtmd's context is not documented as thread-safe: preparing one request's image and encoding another's never overlap.
    private readonly Lock _gate = new();

    private VisionProjector(MtmdWeights weights, string path)
    {
        _weights = weights;
        FilePath = path;
    }

    public string FilePath { get; }

    /// <summary>Image positions of one image, learnt from a one-pixel image at load (Gemma 3's count is fixed).</summary>
    public int ImagePositions { get; private set; }

    /// <summary>Loads the projector for <paramref name="model"/>.</summary>
    /// <exception cref="ModelLoadException">mtmd refuses the file.</exception>
    public static VisionProjector Load(string path, LLamaWeights model, int threads, bool useGpu, Microsoft.Extensions.Logging.ILogger logger)
    {
        var parameters = MtmdContextParams.Default();
        parameters.NThreads = threads;
        parameters.UseGpu = useGpu;
        parameters.MediaMarker = RenderedPrompt.MediaMarker;
        // Before loading, so the projector loader's fifty lines of hyper-parameters go to the log, not the user's terminal.
        MtmdLog.RouteTo(logger);
        MtmdWeights weights;
        try
        {
            weights = MtmdWeights.LoadFromFile(path, model, parameters);
        }
        catch (Exception e) when (e is LLama.Exceptions.RuntimeError or InvalidOperationException or ArgumentException)
        {
            throw new ModelLoadException(path, $"llama.cpp could not load the vision projector '{path}': {e.Message}", e);
        }

        MtmdLog.RouteTo(logger);
        var projector = new VisionProjector(weights, path);
        if (!weights.SupportsVision)
        {
            projector.Dispose();
            throw new ModelLoadException(path, $"The projector '{path}' has no vision encoder.");
        }

        using var probe = new PromptImage(0, new Microsoft.Extensions.AI.DataContent(new byte[3], "image/x-rgb24") { RawRepresentation = new ImagePixels(1, 1, new byte[3]) });
        projector.ImagePositions = projector.LayoutOf(probe).Positions;
        return projector;
    }

    /// <summary>The image's layout, preparing it (kept on <paramref name="image"/>) when its content was not seen before.</summary>
    public ImageLayout LayoutOf(PromptImage image)
    {
        lock (_gate)
        {
            if (_layouts.TryGetValue(image.Hash, out var known))
                return image.Layout = known;
        }

        var prepared = Prepare(image);
        lock (_gate)
        {
            if (_layouts.Count >= MaxRememberedLayouts)
                _layouts.Clear();
            _layouts[image.Hash] = prepared.Layout;
        }

        return image.Layout = prepared.Layout;
    }

    /// <summary>Decodes and preprocesses the image into an mtmd chunk (once per request).</summary>
    /// <exception cref="ImageInputException">The content is not a decodable image.</exception>
    public PreparedImage Prepare(PromptImage image)
    {
        if (image.Prepared is { } ready)
            return ready;
        ImagePixels pixels;
        try
        {
            pixels = image.Pixels();
        }
        catch (ImageDecodeException e)
        {
            throw new ImageInputException($"An image of the request ({image.Content.MediaType}, {image.Content.Data.Length} bytes) cannot be read: {FirstLine(e.Message)}", e);
        }

        using var bitmap = SafeMtmdEmbed.FromRgbBytes((uint)pixels.Width, (uint)pixels.Height, pixels.Rgb24)
            ?? throw new ImageInputException($"llama.cpp could not take a {pixels.Width}×{pixels.Height} image.");
        SafeMtmdInputChunks? chunks;
        int status;
        lock (_gate)
            status = _weights.NativeHandle.Tokenize(RenderedPrompt.MediaMarker, addSpecial: false, parseSpecial: true, [bitmap], out chunks);
        if (status != 0 || chunks is null)
            throw new ImageInputException($"llama.cpp could not preprocess a {pixels.Width}×{pixels.Height} image (mtmd status {status}).");

        try
        {
            return image.Prepared = Split(chunks);
        }
        catch
        {
            chunks.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Encodes the image and decodes its embeddings into sequence <paramref name="sequence"/> from position
    /// <paramref name="past"/>, non-causally, in batches of <paramref name="batchSize"/> (which must hold the whole image).
    /// Returns the position after it.
    /// </summary>
    public int Evaluate(PreparedImage image, SafeLLamaContextHandle context, int past, int sequence, int batchSize)
    {
        var next = past;
        int status;
        lock (_gate)
            status = _weights.NativeHandle.EvaluateChunk(image.ImageChunk, context, ref next, sequence, batchSize, logitsLast: false);
        if (status != 0)
            throw new InvalidOperationException($"llama.cpp could not encode an image with the projector '{FilePath}' (status {status}).");
        return next;
    }

    private static PreparedImage Split(SafeMtmdInputChunks chunks)
    {
        var before = new List<LLamaToken>();
        var after = new List<LLamaToken>();
        var image = IntPtr.Zero;
        var positions = 0;
        foreach (var chunk in chunks.Enumerate())
        {
            using (chunk)
            {
                if (chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text)
                {
                    foreach (var token in chunk.GetTextTokensSpan())
                        (image == IntPtr.Zero ? before : after).Add(token);
                }
                else if (chunk.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image && image == IntPtr.Zero)
                {
                    image = chunk.NativePtr;
                    positions = checked((int)chunk.NPos);
                    // Stand-in tokens fill one record slot per position; a projector whose image takes fewer positions
                    // than KV cells (M-RoPE models) would break that bookkeeping.
                    if ((long)chunk.NTokens != chunk.NPos)
                        throw new ImageInputException($"The projector's images take {chunk.NTokens} tokens at {chunk.NPos} positions; only projectors with one position per token (Gemma 3) are supported.");
                }
            }
        }

        if (image == IntPtr.Zero)
            throw new InvalidOperationException("mtmd returned no image chunk for an image.");
        return new PreparedImage(chunks, image, new ImageLayout(before, positions, after));
    }

    // Decoder messages may list causes on further lines; the exception keeps them, the message stays one line.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    public void Dispose() => _weights.Dispose();
}
