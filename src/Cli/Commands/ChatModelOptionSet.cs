using System.CommandLine;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// The model a conversational command (<c>ask</c>, <c>chat</c>) talks to: the local GGUF runtime (default, options of
/// <see cref="ModelOptionSet"/>) or an OpenAI-compatible endpoint (<c>--provider openai --endpoint URL --model-name NAME</c>,
/// or <c>Model:Provider</c>, <c>Model:Endpoint</c>, <c>Model:Name</c>, <c>Model:ApiKey</c> from the configuration).
/// </summary>
public sealed class ChatModelOptionSet
{
    private readonly ModelOptionSet _local = new();
    private readonly Option<string?> _provider = new("--provider") { Description = "local (default: the GGUF model in this process) or openai (an OpenAI-compatible server such as vLLM or llama.cpp's)." };
    private readonly Option<string?> _endpoint = new("--endpoint") { Description = "With --provider openai: the server's base URL including /v1." };
    private readonly Option<string?> _name = new("--model-name") { Description = "With --provider openai: the served model's name." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        _local.AddTo(command);
        command.Options.Add(_provider);
        command.Options.Add(_endpoint);
        command.Options.Add(_name);
    }

    /// <summary>The options given, as configuration keys (<c>--provider</c> is <c>Model:Provider</c>, <c>--endpoint</c>
    /// <c>Model:Endpoint</c>, <c>--model-name</c> <c>Model:Name</c>, and the local model's).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        foreach (var setting in _local.Settings(parse))
            yield return setting;
        if (parse.GetValue(_provider) is { } provider)
            yield return new("Model:Provider", provider);
        if (parse.GetValue(_endpoint) is { } endpoint)
            yield return new("Model:Endpoint", endpoint);
        if (parse.GetValue(_name) is { } name)
            yield return new("Model:Name", name);
    }
}
