using System.CommandLine;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>clinicalagent auth …</c>: the local authorization server (OpenIddict), its clients and tokens.</summary>
public static class AuthCommand
{
    public static Command Create(CliContext context)
    {
        var auth = new Command("auth", "The local SMART authorization server: register clients, serve it, print tokens for scripts.");
        auth.Subcommands.Add(AuthClientCommand.Create(context));
        auth.Subcommands.Add(AuthServeCommand.Create(context));
        auth.Subcommands.Add(AuthTokenCommand.Create(context));
        return auth;
    }
}
