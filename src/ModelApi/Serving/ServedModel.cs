using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.ModelApi.Protocol;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.ModelApi.Serving;

/// <summary>
/// The model /v1 serves: the local runtime's (<c>Model:Provider</c> local, <c>Model:ModelPath</c> set), through the
/// host's <see cref="IChatClient"/> pipeline, so its logging and telemetry decorators see these calls too. Its id is
/// the GGUF file name. Anything else is a 503: /v1 never relays to another server.
/// </summary>
internal sealed class ServedModel(IServiceProvider services, IConfiguration configuration)
{
    /// <summary>The served model's id, or a 503 when there is none.</summary>
    public string Id
    {
        get
        {
            var provider = configuration[$"{LocalModelOptions.SectionName}:Provider"] ?? ChatModelServiceCollectionExtensions.LocalProvider;
            if (!string.Equals(provider, ChatModelServiceCollectionExtensions.LocalProvider, StringComparison.OrdinalIgnoreCase))
                throw new ModelApiException(503, $"No local model is loaded: Model:Provider is '{provider}', and /v1 serves only a model in this process.", code: "model_not_loaded");
            var path = services.GetService<IOptions<LocalModelOptions>>()?.Value.ModelPath;
            return path is { Length: > 0 }
                ? Path.GetFileName(path)
                : throw new ModelApiException(503, "No model is loaded: set Model:ModelPath (serve --model FILE.gguf).", code: "model_not_loaded");
        }
    }

    /// <summary>The client for a request naming <paramref name="model"/>: 404 for another model, 503 when none loads.</summary>
    public IChatClient ClientFor(string model)
    {
        var id = Id;
        if (!string.Equals(model, id, StringComparison.Ordinal))
            throw new ModelApiException(404, $"The model '{model}' does not exist; this server serves '{id}'.", "model", "model_not_found");
        try
        {
            return services.GetRequiredService<IChatClient>();
        }
        catch (ModelLoadException e)
        {
            throw new ModelApiException(503, $"The model could not be loaded: {e.Message}", code: "model_not_loaded");
        }
    }
}
