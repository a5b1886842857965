using System.CommandLine;
using ClinicalAgent.Auth;
using ClinicalAgent.Cli.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>auth serve</c>: the local authorization server alone at <c>&lt;url&gt;/auth</c> until Ctrl+C.</summary>
public static class AuthServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("serve", "Serve the authorization server at <url>/auth (discovery, JWKS, token, authorize, sign-in) until Ctrl+C.") { urls };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var app = await AuthServerHost.StartAsync(context, parse, parse.GetValue(urls)!, cancellationToken).ConfigureAwait(false);
            var authority = app.Services.GetRequiredService<LocalAuthority>();
            var link = authority.CreateSignInLink();
            foreach (var url in app.Urls)
            {
                var origin = new Uri(url);
                await context.Error.WriteLineAsync($"Authorization server at {new Uri(origin, LocalAuthorizationServerOptions.PathBase)} (issuer {authority.Issuer}, state in {authority.Folder}). Ctrl+C stops.").ConfigureAwait(false);
                await context.Error.WriteLineAsync($"Sign in once, in your browser: {new Uri(origin, link.PathAndQuery)}").ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
