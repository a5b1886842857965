using System.CommandLine;
using ClinicalAgent.Auth.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>auth client add</c>: a backend service (<c>--jwks FILE</c>: it signs JWT assertions, SMART Backend Services) or
/// a public SMART app (<c>--public --redirect-uri URI</c>: authorization code with PKCE).
/// </summary>
public static class AuthClientAddCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "The client id.", Required = true };
        var jwks = new Option<string?>("--jwks") { Description = "A JWKS (or JWK) file with the client's public key(s), RSA or EC P-384; private parts are not kept." };
        var isPublic = new Option<bool>("--public") { Description = "A public client (a browser or native app): no key, authorization code with PKCE." };
        var redirects = new Option<string[]>("--redirect-uri") { Description = "Where a public client's codes may be sent (repeatable).", AllowMultipleArgumentsPerToken = true };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "Scopes the client may ask for (repeatable; SMART scopes cover narrower ones: system/*.rs covers system/Observation.r). "
                + "Default: system/*.rs for a key client; openid fhirUser launch launch/patient patient/*.rs user/*.rs for a public one.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("add", "Register a client with the local authorization server.") { id, jwks, isPublic, redirects, scopes };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var file = parse.GetValue(jwks);
            var publicClient = parse.GetValue(isPublic);
            if (publicClient == (file is not null))
                throw new ArgumentException("Give either --jwks FILE (a backend client) or --public with --redirect-uri (an app).");
            await using var host = context.BuildHost(parse);
            var clients = host.Services.GetRequiredService<LocalClients>();
            var scopeList = parse.GetValue(scopes) ?? [];
            LocalClient added;
            if (file is not null)
            {
                var path = Path.GetFullPath(file);
                if (!File.Exists(path))
                    throw new FileNotFoundException($"The key file {path} (--jwks) does not exist.", path);
                var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                added = await clients.AddConfidentialAsync(parse.GetValue(id)!, json, scopeList, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                added = await clients.AddPublicAsync(parse.GetValue(id)!, parse.GetValue(redirects) ?? [], scopeList, cancellationToken).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"Registered {(added.IsPublic ? "public" : "key")} client {added.ClientId}: {string.Join(' ', added.Scopes)}.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
