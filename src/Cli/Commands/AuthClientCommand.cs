using System.CommandLine;
using ClinicalAgent.Auth.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>auth client add|list|remove</c>: the clients registered with the local authorization server.</summary>
public static class AuthClientCommand
{
    public static Command Create(CliContext context)
    {
        var client = new Command("client", "Register, list and remove the authorization server's clients.");
        client.Subcommands.Add(AuthClientAddCommand.Create(context));
        client.Subcommands.Add(List(context));
        client.Subcommands.Add(Remove(context));
        return client;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the registered clients: id, kind, scopes, redirect URIs.");
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse);
            var clients = await host.Services.GetRequiredService<LocalClients>().ListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var c in clients)
            {
                var kind = c.IsPublic ? "public" : $"keys:{c.KeyCount}";
                var redirects = c.RedirectUris.Count > 0 ? "  " + string.Join(' ', c.RedirectUris) : "";
                await context.Output.WriteLineAsync($"{c.ClientId}  {kind}  {string.Join(' ', c.Scopes)}{redirects}").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The client id." };
        var command = new Command("remove", "Remove a client; its tokens stop being issued (those issued live out their lifetime).") { id };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse);
            var clientId = parse.GetValue(id)!;
            if (!await host.Services.GetRequiredService<LocalClients>().RemoveAsync(clientId, cancellationToken).ConfigureAwait(false))
                throw new ArgumentException($"No client '{clientId}' is registered.");
            await context.Error.WriteLineAsync($"Removed client {clientId}.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
