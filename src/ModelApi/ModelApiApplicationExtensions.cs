using Microsoft.AspNetCore.Builder;

namespace ClinicalAgent.ModelApi;

/// <summary>Maps /v1 (the OpenAI-compatible model endpoint) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class ModelApiApplicationExtensions
{
    /// <summary>Maps the endpoints (and any middleware they need) of /v1 (the OpenAI-compatible model endpoint).</summary>
    public static WebApplication MapModelApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
