using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// ASP.NET Core's host filtering (which matches names, subdomain wildcards and IPv6 literals) over
/// <see cref="ServedHosts"/>, answering a refused <c>Host</c> with a FHIR OperationOutcome instead of a bare 400. The
/// refused name is never echoed. Its options are its own: the web host's default filter (<c>AllowedHosts</c>, "*")
/// stays as it is in front of it.
/// </summary>
internal sealed class HostValidationMiddleware
{
    private static readonly object PassedKey = new();
    private readonly HostFilteringMiddleware _filter;

    public HostValidationMiddleware(RequestDelegate next, ILogger<HostFilteringMiddleware> logger, IOptions<ServerOptions> server, IConfiguration configuration)
    {
        var options = new HostFilteringOptions
        {
            AllowedHosts = [.. ServedHosts.For(server.Value.AllowedHosts, configuration["urls"]).Hosts],
            AllowEmptyHosts = false,
            IncludeFailureMessage = false,
        };
        _filter = new HostFilteringMiddleware(
            context =>
            {
                context.Items[PassedKey] = true;
                return next(context);
            },
            logger,
            new FixedOptionsMonitor<HostFilteringOptions>(options));
    }

    public async Task InvokeAsync(HttpContext context)
    {
        await _filter.Invoke(context).ConfigureAwait(false);
        if (!context.Items.ContainsKey(PassedKey) && !context.Response.HasStarted)
        {
            await OutcomeResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid",
                "The request's Host header names a host this server does not answer for (Server:AllowedHosts).").ConfigureAwait(false);
        }
    }
}
