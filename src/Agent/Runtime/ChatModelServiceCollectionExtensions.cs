using System.ClientModel;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>Registers the chat model: the local GGUF runtime or an OpenAI-compatible endpoint.</summary>
public static class ChatModelServiceCollectionExtensions
{
    /// <summary>Configuration value of <c>Model:Provider</c> selecting the local runtime (the default).</summary>
    public const string LocalProvider = "local";

    /// <summary>Configuration value of <c>Model:Provider</c> selecting an OpenAI-compatible endpoint.</summary>
    public const string OpenAIProvider = "openai";

    /// <summary>The activity source and meter of the model's <c>chat {model}</c> spans and <c>gen_ai.client.*</c> histograms.</summary>
    public const string TelemetrySourceName = "ClinicalAgent.Model";

    /// <summary>
    /// Registers the chat model chosen by <c>Model:Provider</c> as the <see cref="IChatClient"/>: <c>local</c> (default;
    /// <see cref="LocalModelOptions"/> from the <c>Model</c> section; the model loads on first use) or <c>openai</c>
    /// (<c>Model:Endpoint</c>, <c>Model:Name</c>, <c>Model:ApiKey</c>). Returns the builder, so a host layers logging
    /// or telemetry on as decorators (<c>.UseChatModelTelemetry().UseLogging()</c>, see <see cref="UseChatModelTelemetry"/>).
    /// Either provider's context overflow is a <see cref="ContextOverflowException"/>.
    /// </summary>
    /// <remarks>Registers a <see cref="ModelIdentitySource"/> beside it, which names the model for Provenance.</remarks>
    /// <exception cref="InvalidOperationException">The provider is unknown or a required value is missing, naming the key.</exception>
    public static ChatClientBuilder AddChatModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LocalModelOptions.SectionName);
        var provider = section["Provider"] ?? LocalProvider;
        if (string.Equals(provider, LocalProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<LocalModelOptions>().Bind(section);
            services.TryAddSingleton<LocalModel>();
            services.AddOptions<ToolPromptOptions>().Bind(configuration.GetSection(ToolPromptOptions.SectionName));
            services.TryAddSingleton(sp => new GemmaPromptFormatter(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ToolPromptOptions>>().Value));
            services.TryAddSingleton(sp => ModelIdentitySource.ForFile(
                () => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocalModelOptions>>().Value.ModelPath));
            services.TryAddSingleton(sp => new LocalChatClient(
                sp.GetRequiredService<LocalModel>(),
                sp.GetRequiredService<GemmaPromptFormatter>(),
                sp.GetService<ILogger<LocalChatClient>>()));
            return services.AddChatClient(sp => sp.GetRequiredService<LocalChatClient>());
        }

        if (string.Equals(provider, OpenAIProvider, StringComparison.OrdinalIgnoreCase))
        {
            var endpoint = section["Endpoint"];
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new InvalidOperationException($"Model:Provider is '{OpenAIProvider}' but Model:Endpoint ('{endpoint}') is not an absolute http(s) URL such as http://127.0.0.1:8000/v1.");
            var model = section["Name"];
            if (string.IsNullOrWhiteSpace(model))
                throw new InvalidOperationException($"Model:Provider is '{OpenAIProvider}' but Model:Name (the served model's name) is not set.");
            var apiKey = section["ApiKey"];
            services.TryAddSingleton(ModelIdentitySource.ForEndpoint(model, uri));
            return services.AddChatClient(_ => CreateOpenAICompatibleClient(uri, model, apiKey));
        }

        throw new InvalidOperationException($"Model:Provider '{provider}' is unknown; use '{LocalProvider}' or '{OpenAIProvider}'.");
    }

    /// <summary>
    /// Adds the OpenTelemetry GenAI decorator under <see cref="TelemetrySourceName"/>: a <c>chat {model}</c> span per model
    /// call (provider, models, temperature, output limit, token usage, finish reasons) and the <c>gen_ai.client.token.usage</c>
    /// and <c>gen_ai.client.operation.duration</c> histograms. Message contents, system instructions and tool arguments stay
    /// out, whatever <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c> says: they are the record. Costs a null check
    /// per call while no listener subscribes (<c>OpenTelemetry:Enabled</c> false).
    /// </summary>
    public static ChatClientBuilder UseChatModelTelemetry(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseOpenTelemetry(sourceName: TelemetrySourceName, configure: telemetry => telemetry.EnableSensitiveData = false);
    }

    /// <summary>An <see cref="IChatClient"/> over an OpenAI-compatible endpoint whose context overflow is a <see cref="ContextOverflowException"/>;
    /// images travel as <c>image_url</c> data URLs, those of tool results in a user message after the tool messages.</summary>
    internal static IChatClient CreateOpenAICompatibleClient(Uri endpoint, string model, string? apiKey) =>
        // Local servers ignore the key, but the OpenAI client refuses an empty one.
        new ContextOverflowChatClient(new ToolImageRelayChatClient(new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey),
            new OpenAIClientOptions { Endpoint = endpoint }).AsIChatClient()));
}
