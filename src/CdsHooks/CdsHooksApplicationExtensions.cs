using ClinicalAgent.CdsHooks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.CdsHooks;

/// <summary>Maps /cds-services (CDS Hooks 2.0) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class CdsHooksApplicationExtensions
{
    /// <summary>Maps discovery, invocation and feedback of /cds-services; with authorization off it says so in the log.</summary>
    public static WebApplication MapCdsHooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<CdsTrustGate>().Enabled)
        {
            CdsLog.InsecureNoAuth(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ClinicalAgent.CdsHooks"));
        }

        CdsEndpoints.Map(app);
        return app;
    }
}
