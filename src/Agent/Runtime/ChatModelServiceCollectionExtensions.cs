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

    /// <summary>
    /// Registers <see cref="LocalModel"/> (loaded on first use) and <see cref="LocalChatClient"/> as the
    /// <see cref="IChatClient"/>, with <see cref="LocalModelOptions"/> bound from the <c>Model</c> section
    /// of the registered <see cref="IConfiguration"/> and then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddLocalChatClient(this IServiceCollection services, Action<LocalModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LocalModelOptions>().BindConfiguration(LocalModelOptions.SectionName);
        if (configure is not null)
            options.Configure(configure);
        return AddLocalRuntime(services);
    }

    /// <summary>
    /// Registers an <see cref="IChatClient"/> over an OpenAI-compatible chat-completions endpoint (vLLM,
    /// llama.cpp server, OpenAI): the scale-out alternative to the in-process model.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="endpoint">Base address including the version segment, e.g. <c>http://gpu-box:8000/v1</c>.</param>
    /// <param name="model">The model name the server expects.</param>
    /// <param name="apiKey">The key, or null for servers that need none.</param>
    public static IServiceCollection AddOpenAICompatibleChatClient(this IServiceCollection services, Uri endpoint, string model, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        services.TryAddSingleton<IChatClient>(_ => CreateOpenAICompatibleClient(endpoint, model, apiKey));
        return services;
    }

    /// <summary>
    /// Registers the chat model chosen by <c>Model:Provider</c>: <c>local</c> (default; options from the
    /// <c>Model</c> section) or <c>openai</c> (<c>Model:Endpoint</c>, <c>Model:Name</c>, <c>Model:ApiKey</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is unknown or a required value is missing.</exception>
    public static IServiceCollection AddChatModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LocalModelOptions.SectionName);
        var provider = section["Provider"] ?? LocalProvider;
        if (string.Equals(provider, LocalProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<LocalModelOptions>().Bind(section);
            return AddLocalRuntime(services);
        }

        if (string.Equals(provider, OpenAIProvider, StringComparison.OrdinalIgnoreCase))
        {
            var endpoint = section["Endpoint"];
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
                throw new InvalidOperationException($"Model:Provider is '{OpenAIProvider}' but Model:Endpoint ('{endpoint}') is not an absolute URL.");
            var model = section["Name"];
            if (string.IsNullOrWhiteSpace(model))
                throw new InvalidOperationException($"Model:Provider is '{OpenAIProvider}' but Model:Name (the served model's name) is not set.");
            return services.AddOpenAICompatibleChatClient(uri, model, section["ApiKey"]);
        }

        throw new InvalidOperationException($"Model:Provider '{provider}' is unknown; use '{LocalProvider}' or '{OpenAIProvider}'.");
    }

    /// <summary>An <see cref="IChatClient"/> over an OpenAI-compatible endpoint.</summary>
    public static IChatClient CreateOpenAICompatibleClient(Uri endpoint, string model, string? apiKey) =>
        // Local servers ignore the key, but the OpenAI client refuses an empty one.
        new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey),
            new OpenAIClientOptions { Endpoint = endpoint }).AsIChatClient();

    private static IServiceCollection AddLocalRuntime(IServiceCollection services)
    {
        services.TryAddSingleton<LocalModel>();
        services.TryAddSingleton<GemmaPromptFormatter>();
        services.TryAddSingleton(sp => new LocalChatClient(
            sp.GetRequiredService<LocalModel>(),
            sp.GetRequiredService<GemmaPromptFormatter>(),
            sp.GetService<ILogger<LocalChatClient>>()));
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<LocalChatClient>());
        return services;
    }
}
