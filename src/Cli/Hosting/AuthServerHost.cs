using System.CommandLine;
using ClinicalAgent.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>The local authorization server alone on a web host (<c>auth serve</c>, and <c>auth token</c>'s in-process one on 127.0.0.1:0).</summary>
internal static class AuthServerHost
{
    /// <summary>Builds and starts the host at <paramref name="urls"/> with the command's configuration.</summary>
    public static async Task<WebApplication> StartAsync(CliContext context, ParseResult parse, string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        CliHost.Configure(builder.Configuration, builder.Logging, builder.Services, context, context.Settings(parse));
        var app = builder.Build();
        try
        {
            app.MapLocalAuthorizationServer();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
