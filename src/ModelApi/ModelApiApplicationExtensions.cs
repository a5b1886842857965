using ClinicalAgent.ModelApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.ModelApi;

/// <summary>Maps /v1 (the OpenAI-compatible model endpoint) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class ModelApiApplicationExtensions
{
    /// <summary>
    /// Maps <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c> and <c>POST /v1/chat/completions</c> (unless
    /// <c>ModelApi:Enabled</c> is false), behind the same bearer-token check as /fhir when authorization is on.
    /// </summary>
    public static WebApplication MapModelApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ModelApiOptions>>().Value.Enabled)
            ModelApiEndpoints.Map(app);
        return app;
    }
}
