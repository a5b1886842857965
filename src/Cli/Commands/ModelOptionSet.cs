using System.CommandLine;
using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// The local-model options shared by the commands that load a model (<c>model run</c>, <c>ask</c>, <c>chat</c>,
/// workflows with agent steps): each sets its key of the <c>Model</c> section (<c>--model</c> is <c>Model:ModelPath</c>,
/// <c>--context</c> <c>Model:ContextSize</c>, …), over <c>appsettings.json</c> and <c>CLINICALAGENT_Model__*</c>.
/// </summary>
public sealed class ModelOptionSet
{
    private readonly Option<string?> _model = new("--model") { Description = "The GGUF model file (default: Model:ModelPath from the configuration)." };
    private readonly Option<string?> _mmproj = new("--mmproj") { Description = "Its multimodal projector (checked to belong to the model)." };
    private readonly Option<int?> _contextSize = new("--context") { Description = "Context window in tokens." };
    private readonly Option<int?> _threads = new("--threads") { Description = "CPU threads." };
    private readonly Option<int?> _gpuLayers = new("--gpu-layers") { Description = "Layers offloaded to a GPU (needs a GPU build of llama.cpp)." };
    private readonly Option<int?> _batch = new("--batch") { Description = "Tokens per decode call." };
    private readonly Option<float?> _temperature = new("--temperature") { Description = "Sampling temperature." };
    private readonly Option<uint?> _seed = new("--seed") { Description = "Sampling seed." };
    private readonly Option<int?> _maxTokens = new("--max-tokens") { Description = "Most tokens to generate." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _mmproj, _contextSize, _threads, _gpuLayers, _batch, _temperature, _seed, _maxTokens })
            command.Options.Add(option);
    }

    /// <summary>The options given, as the <c>Model</c> configuration keys they set.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        foreach (var (key, value) in new (string, object?)[]
        {
            ("ModelPath", parse.GetValue(_model) is { } model ? Path.GetFullPath(model) : null),
            ("MmprojPath", parse.GetValue(_mmproj) is { } mmproj ? Path.GetFullPath(mmproj) : null),
            ("ContextSize", parse.GetValue(_contextSize)),
            ("Threads", parse.GetValue(_threads)),
            ("GpuLayerCount", parse.GetValue(_gpuLayers)),
            ("BatchSize", parse.GetValue(_batch)),
            ("Temperature", parse.GetValue(_temperature)),
            ("Seed", parse.GetValue(_seed)),
            ("MaxOutputTokens", parse.GetValue(_maxTokens)),
        })
        {
            if (value is not null)
                yield return new($"{LocalModelOptions.SectionName}:{key}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
