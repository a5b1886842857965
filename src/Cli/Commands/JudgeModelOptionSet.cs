using System.CommandLine;
using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// The judge model of <c>bench judge</c>, spelled like the agent's options with a <c>--judge-</c> prefix: a local GGUF
/// (<c>--judge-model PATH</c>) or an OpenAI-compatible server (<c>--judge-provider openai --judge-endpoint URL
/// --judge-model-name NAME</c>). <c>bench judge</c> loads no agent, so these set the <c>Model</c> section of its own
/// process (<c>--judge-model</c> is <c>Model:ModelPath</c>), over <c>appsettings.json</c> and <c>CLINICALAGENT_Model__*</c>.
/// </summary>
public sealed class JudgeModelOptionSet
{
    private readonly Option<string?> _model = new("--judge-model") { Description = "The judge's GGUF model file; a model other than the agent's is recommended." };
    private readonly Option<string?> _provider = new("--judge-provider") { Description = "local (default with --judge-model) or openai (an OpenAI-compatible server that returns logprobs: vLLM, llama.cpp's, clinicalagent serve)." };
    private readonly Option<string?> _endpoint = new("--judge-endpoint") { Description = "With --judge-provider openai: the server's base URL including /v1." };
    private readonly Option<string?> _name = new("--judge-model-name") { Description = "With --judge-provider openai: the served model's name." };
    private readonly Option<int?> _contextSize = new("--judge-context") { Description = "The local judge's context window in tokens (the prompt holds the question and both answers)." };
    private readonly Option<int?> _threads = new("--judge-threads") { Description = "The local judge's CPU threads." };
    private readonly Option<int?> _gpuLayers = new("--judge-gpu-layers") { Description = "Layers of the local judge offloaded to a GPU (needs a GPU build of llama.cpp)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _provider, _endpoint, _name, _contextSize, _threads, _gpuLayers })
            command.Options.Add(option);
    }

    /// <summary>The options given, as the <c>Model</c> configuration keys they set.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        var provider = parse.GetValue(_provider) ?? (parse.GetValue(_model) is not null ? "local" : null);
        foreach (var (key, value) in new (string, object?)[]
        {
            ("Provider", provider),
            ("ModelPath", parse.GetValue(_model) is { } model ? Path.GetFullPath(model) : null),
            ("Endpoint", parse.GetValue(_endpoint)),
            ("Name", parse.GetValue(_name)),
            ("ContextSize", parse.GetValue(_contextSize)),
            ("Threads", parse.GetValue(_threads)),
            ("GpuLayerCount", parse.GetValue(_gpuLayers)),
        })
        {
            if (value is not null)
                yield return new($"{LocalModelOptions.SectionName}:{key}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
