using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>Builds the local runtime over the tiny model with test-friendly settings.</summary>
internal static class LocalRuntime
{
    public static LocalModel Load(string path, Action<LocalModelOptions>? configure = null)
    {
        var options = new LocalModelOptions
        {
            ModelPath = path,
            ContextSize = 4096,
            // Test machines have two cores shared with the build.
            Threads = 1,
            BatchSize = 512,
            MaxOutputTokens = 256,
            MaxConversations = 2,
            // Off unless a test turns it on with its own folder: a file from another test would make prompts cached.
            PrefixCache = "off",
        };
        configure?.Invoke(options);
        return new LocalModel(Options.Create(options));
    }

    public static LocalChatClient Client(string path, Action<LocalModelOptions>? configure = null) =>
        new(Load(path, configure), new GemmaPromptFormatter(), ownsModel: true);
}
