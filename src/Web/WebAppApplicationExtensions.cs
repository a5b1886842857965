using Microsoft.AspNetCore.Builder;

namespace ClinicalAgent.Web;

/// <summary>Maps / (the clinician web app) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class WebAppApplicationExtensions
{
    /// <summary>Maps the endpoints (and any middleware they need) of / (the clinician web app).</summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
