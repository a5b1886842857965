using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// The protections every served endpoint gets besides authorization, from <c>Server:*</c> (<see cref="ServerOptions"/>):
/// Host validation, CORS (off unless origins are listed), refusal of cross-site simple writes, and a rate limit per client.
/// </summary>
public static class ServedEndpointProtectionExtensions
{
    /// <summary>The CORS policy's name.</summary>
    public const string CorsPolicy = "ClinicalAgent.Server";

    /// <summary>Registers the protections; the bound addresses are read from the host's <c>urls</c> setting (<c>--urls</c>).</summary>
    public static IServiceCollection AddServedEndpointProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ServerOptions.SectionName);
        services.AddOptions<ServerOptions>().Bind(section).PostConfigure(server =>
        {
            // A list may also come as one value ("a;b", an environment variable), which binding to an array ignores.
            server.AllowedHosts = [.. server.AllowedHosts, .. Split(section["AllowedHosts"])];
            server.Cors.Origins = [.. server.Cors.Origins, .. Split(section["Cors:Origins"])];
        });
        services.TryAddSingleton(TimeProvider.System);

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<ServerOptions>>((cors, server) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. server.Value.Cors.Origins.Select(o => o.TrimEnd('/'))])
                .AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders("ETag", "Location", "Content-Location", "Last-Modified", "Retry-After")));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ServerOptions>, TimeProvider>((limiter, server, time) =>
            ClientRateLimits.Configure(limiter, server.Value.RateLimit, time));
        return services;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Adds the protections to the pipeline, before the endpoints (and after <c>UseAuthentication</c> where a host calls it
    /// itself, so the rate limit can tell clients apart by token). Warns when a wildcard address is bound without
    /// <c>Server:AllowedHosts</c>.
    /// </summary>
    public static IApplicationBuilder UseServedEndpointProtection(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var server = services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var urls = services.GetService<IConfiguration>()?["urls"];
        if (ServedHosts.For(server.AllowedHosts, urls).WildcardWithoutSetting)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServedEndpointProtectionExtensions).FullName!)
                .LogWarning("Listening on every address ({Urls}) but Server:AllowedHosts is not set: only requests addressed to 127.0.0.1, localhost or [::1] are answered. Set Server:AllowedHosts to the names clients use (or * for any).", urls);
        }

        app.UseMiddleware<HostValidationMiddleware>();
        if (server.Cors.Origins.Length > 0)
            app.UseCors(CorsPolicy);
        app.UseMiddleware<CrossSiteWriteGuard>();
        app.UseRateLimiter();
        return app;
    }
}
