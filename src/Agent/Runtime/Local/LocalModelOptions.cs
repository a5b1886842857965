namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Settings of the local GGUF model runtime, bound from the <c>Model</c> configuration section.
/// </summary>
public sealed class LocalModelOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Model";

    /// <summary>Path of the GGUF model file (a Gemma 3 / MedGemma quantization).</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Path of the multimodal projector GGUF (mmproj), used by image analysis; null for text only.</summary>
    public string? MmprojPath { get; set; }

    /// <summary>
    /// Context window in tokens, shared by all cached conversations. A request whose prompt plus
    /// <see cref="MaxOutputTokens"/> exceeds it is refused, never truncated.
    /// </summary>
    public int ContextSize { get; set; } = 8192;

    /// <summary>CPU threads for decoding; defaults to the physical core count (about half the logical ones).</summary>
    public int Threads { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// CPU threads for a decode of several tokens (a step that carries several conversations, or a prompt); 0 for
    /// <see cref="Threads"/>. llama.cpp uses <see cref="Threads"/> for a lone token. On a small machine one thread is
    /// fastest for a lone token and more pay off only for a batch (ADR 0023, addendum on decode cost by batch size).
    /// </summary>
    public int BatchThreads { get; set; }

    /// <summary>Layers offloaded to a GPU; 0 with the CPU backend.</summary>
    public int GpuLayerCount { get; set; }

    /// <summary>Largest number of tokens handed to llama.cpp in one decode call.</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>Sampling temperature when a request does not set one; low, because tool calls want precision.</summary>
    public float Temperature { get; set; } = 0.2f;

    /// <summary>The top-k cut when a request does not set one (llama.cpp's usual default).</summary>
    public const int DefaultTopK = 40;

    /// <summary>The nucleus (top-p) cut when a request does not set one.</summary>
    public const float DefaultTopP = 0.95f;

    /// <summary>Sampling seed when a request does not set one; fixed so runs repeat.</summary>
    public uint Seed { get; set; } = 1234;

    /// <summary>Most tokens generated for one reply when a request does not set a limit.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>
    /// How many conversations keep their KV cache at once, which is also how many requests may be in
    /// flight. Requests in flight decode together (continuous batching): each llama.cpp decode call carries the next
    /// tokens of every one of them, at most <see cref="BatchSize"/> tokens in all, so set it to the concurrency served.
    /// </summary>
    public int MaxConversations { get; set; } = 1;

    /// <summary>
    /// A llama.cpp shared library to load instead of the CPU one that ships with the package (for example a CUDA
    /// build of llama.cpp commit c0c7e147, the one LLamaSharp 0.30 binds). Applied before the first model loads in
    /// the process. Not tested here: no GPU build can be made or restored on the project's machines.
    /// </summary>
    public string? NativeLibraryPath { get; set; }

    /// <summary>
    /// Which of the packaged llama.cpp CPU builds to load: <c>auto</c> (the default: the best this CPU supports),
    /// <c>noavx</c>, <c>avx</c>, <c>avx2</c> or <c>avx512</c>. When unset, the environment variable
    /// <c>CLINICALAGENT_LLAMA_CPU</c> decides. Kernels round differently, so the tests run on two of them.
    /// </summary>
    public string? CpuKernels { get; set; }

    /// <summary>
    /// The most characters the grammar lets the model write into a string argument whose schema sets no
    /// <c>maxLength</c>, so that every tool call closes inside the output budget. A free-text argument that needs
    /// more (a note's body) declares its own <c>maxLength</c>.
    /// </summary>
    public int MaxStringArgumentLength { get; set; } = Grammar.GrammarLimits.DefaultMaxStringLength;

    /// <summary>Whether one reply may carry several tool calls (the grammar allows a list).</summary>
    public bool AllowMultipleToolCalls { get; set; } = true;

    /// <summary>The environment variable naming the prefix cache folder when <see cref="PrefixCacheDirectory"/> is not set.</summary>
    public const string PrefixCacheVariable = "CLINICALAGENT_PREFIX_CACHE";

    /// <summary>
    /// <c>on</c> (the default) or <c>off</c>: whether the KV state after the system prompt and the tool declarations is
    /// kept on disk, so a new conversation in any process evaluates only its own tokens (ADR 0022).
    /// </summary>
    public string PrefixCache { get; set; } = "on";

    /// <summary>
    /// Folder of the prefix cache's files: <c>$CLINICALAGENT_PREFIX_CACHE</c>, else <c>~/.cache/clinicalagent/prefix-cache</c>
    /// (beside the model downloads). Safe to delete at any time.
    /// </summary>
    public string PrefixCacheDirectory { get; set; } = DefaultPrefixCacheDirectory();

    /// <summary>Most megabytes the prefix cache's files take together; the least recently used go first.</summary>
    public long PrefixCacheMaxMegabytes { get; set; } = 4096;

    /// <summary>The default of <see cref="PrefixCacheDirectory"/>.</summary>
    public static string DefaultPrefixCacheDirectory() =>
        Environment.GetEnvironmentVariable(PrefixCacheVariable) is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "clinicalagent", "prefix-cache");

    /// <summary>Whether <see cref="PrefixCache"/> says on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Neither on nor off (nor true or false).</exception>
    internal bool PrefixCacheEnabled => PrefixCache.Trim().ToLowerInvariant() switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new ArgumentOutOfRangeException(nameof(PrefixCache), PrefixCache, "Model:PrefixCache must be on or off."),
    };
}
