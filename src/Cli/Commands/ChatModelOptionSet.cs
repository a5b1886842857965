using System.CommandLine;
using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// The model a conversational command (<c>ask</c>, <c>chat</c>) talks to: the local GGUF runtime (default, options of
/// <see cref="ModelOptionSet"/>) or an OpenAI-compatible endpoint (<c>--provider openai --endpoint URL --model-name NAME</c>,
/// or <c>CLINICALAGENT_Model__Provider</c>, <c>__Endpoint</c>, <c>__Name</c>, <c>__ApiKey</c>).
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

    /// <summary>Creates the chat client the command line and environment ask for. Nothing is loaded for a bad choice.</summary>
    /// <exception cref="ArgumentException">No model, an unknown provider, or a missing endpoint or name, with what to pass.</exception>
    public ChatModel Create(ParseResult parse)
    {
        var section = new ConfigurationBuilder().AddEnvironmentVariables("CLINICALAGENT_").Build().GetSection(LocalModelOptions.SectionName);
        var provider = parse.GetValue(_provider) ?? section["Provider"] ?? ChatModelServiceCollectionExtensions.LocalProvider;
        if (string.Equals(provider, ChatModelServiceCollectionExtensions.OpenAIProvider, StringComparison.OrdinalIgnoreCase))
        {
            var endpoint = parse.GetValue(_endpoint) ?? section["Endpoint"];
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new ArgumentException($"--provider openai needs --endpoint with the server's absolute http(s) URL, e.g. http://127.0.0.1:8000/v1 (got '{endpoint}').");
            var name = parse.GetValue(_name) ?? section["Name"];
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("--provider openai needs --model-name, the name the server serves the model under.");
            var client = ChatModelServiceCollectionExtensions.CreateOpenAICompatibleClient(uri, name, section["ApiKey"]);
            return new ChatModel(client, $"{name} at {uri}");
        }

        if (!string.Equals(provider, ChatModelServiceCollectionExtensions.LocalProvider, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--provider '{provider}' is unknown; use 'local' or 'openai'.");

        var options = _local.Read(parse);
        var local = new LocalChatClient(new LocalModel(Options.Create(options)), new GemmaPromptFormatter(), ownsModel: true);
        return new ChatModel(local, Path.GetFileName(options.ModelPath));
    }
}
